import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConsoleAccess } from '../app/console-access.js';

export interface RemoteChatOptions {
  access: ConsoleAccess;
  chatId: string;
  input: Readable;
  output: Writable;
  prompt: string;
  /** Printed once connected, before the first prompt. */
  intro: string;
  /** Printed when the server goes away mid-chat. */
  serverGone: string;
  /** How long to wait for the last answers after Ctrl-D. */
  finishTimeoutMs?: number;
}

/** The server must answer this quickly to count as running. */
const CONNECT_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The terminal chat through the running server (`npm start`): lines go to its console endpoint,
 * replies come back as server-sent events. Resolves false when no server answers (the caller
 * then chats on the database directly), true once the chat is over.
 */
export async function runRemoteChat(options: RemoteChatOptions): Promise<boolean> {
  const { access, chatId, output, prompt } = options;
  const headers = { authorization: `Bearer ${access.secret}` };
  const stream = new AbortController();
  const connectTimer = setTimeout(() => stream.abort(), CONNECT_TIMEOUT_MS);
  const response = await fetch(`${access.url}/console/replies?chat=${encodeURIComponent(chatId)}`, { headers, signal: stream.signal }).catch(() => undefined);
  if (!response?.ok || !response.body) {
    clearTimeout(connectTimer);
    return false;
  }

  let drained = () => {};
  let ready = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const events = readEvents(response.body, (event, data) => {
    if (event === 'ready') ready();
    else if (event === 'drained') drained();
    else if (event === 'reply') output.write(`\n${JSON.parse(data) as string}\n${prompt}`);
  });
  const gotReady = await Promise.race([isReady.then(() => true), events.then(() => false)]);
  clearTimeout(connectTimer);
  if (!gotReady) return false;

  output.write(`${options.intro}\n${prompt}`);
  const session = randomUUID().slice(0, 8);
  let counter = 0;
  let sending: Promise<boolean> = Promise.resolve(true);
  const lines = createInterface({ input: options.input, terminal: false });
  lines.on('line', (line) => {
    const text = line.trim();
    if (!text) return;
    counter += 1;
    const body = JSON.stringify({ chatId, externalId: `${session}-${counter}`, text });
    // One after another, so lines pasted at once are stored in the order typed.
    sending = sending.then((ok) => ok && post(`${access.url}/console/messages`, headers, body));
  });
  const inputEnded = new Promise<void>((resolve) => lines.on('close', resolve));

  const serverGone = events.then(() => 'gone' as const);
  const outcome = await Promise.race([inputEnded.then(() => 'ended' as const), serverGone]);
  if (outcome === 'ended' && (await sending)) {
    // Ask the server to mark the point after the last answer in the reply stream, then wait for it.
    const marked = new Promise<void>((resolve) => (drained = resolve));
    await post(`${access.url}/console/drain?chat=${encodeURIComponent(chatId)}`, headers, '');
    await Promise.race([marked, serverGone, delay(options.finishTimeoutMs ?? 8_000)]);
  }
  if (outcome === 'gone') output.write(`\n${options.serverGone}\n`);
  lines.close();
  stream.abort();
  await events;
  output.write('\n');
  return true;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  }).catch(() => undefined);
  return response?.ok === true;
}

/** Reads a server-sent event stream until it ends (or is aborted); resolves then. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: string, data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        onEvent(event, data.join('\n'));
      }
    }
  } catch {
    // Aborted or cut: the stream is over either way.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
