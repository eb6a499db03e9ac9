import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import type { InboundSink } from '../../channels/channel-port.js';
import type { ConsoleBridge } from '../../channels/console/console-bridge.js';
import { verifySecret } from '../verify-secret.js';

export interface ConsoleRouteTarget {
  bridge: Pick<ConsoleBridge, 'attach' | 'drained'>;
  /** Usually the conversation engine. */
  sink: InboundSink;
  /** The installation's console secret (see app/console-access.ts). */
  secret: string;
  /** Messages of this console chat not yet answered and sent (inbound pending + outbound queued). */
  unfinished(chatId: string): Promise<number>;
  logger: Logger;
}

export const CONSOLE_PATH = '/console';
const CHAT_ID = /^[A-Za-z0-9._@-]{1,100}$/;
const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const MAX_TEXT = 4096;
const DRAIN_WAIT_MS = 5_000;
const DRAIN_POLL_MS = 50;

/**
 * The terminal chat's door into the running server (`npm run chat` while `npm start` runs):
 * `GET /console/replies?chat=` streams the chat's replies (server-sent events), `POST
 * /console/messages` stores a typed line, `POST /console/drain?chat=` waits until the chat's
 * lines are answered and marks the point in the reply stream. Only from this machine
 * (loopback) and only with the secret kept in DATA_DIR: whoever can read DATA_DIR can read the
 * database anyway.
 */
export function consoleRoute(target: ConsoleRouteTarget): Hono {
  const app = new Hono();
  app.use(`${CONSOLE_PATH}/*`, async (c, next) => {
    if (!fromLoopback(c)) return c.json({ ok: false }, 403);
    const presented = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (!verifySecret(target.secret, presented)) return c.json({ ok: false }, 401);
    await next();
  });

  app.get(`${CONSOLE_PATH}/replies`, (c) => {
    const chatId = c.req.query('chat');
    if (chatId === undefined || !CHAT_ID.test(chatId)) return c.json({ ok: false }, 400);
    return streamSSE(c, async (stream) => {
      let writing = Promise.resolve();
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      stream.onAbort(end);
      const detach = target.bridge.attach(chatId, (event) => {
        if (event.kind === 'closed') return end();
        // One after another, so replies reach the terminal in the order they were sent.
        const message = event.kind === 'reply' ? { event: 'reply', data: JSON.stringify(event.text) } : { event: 'drained', data: '{}' };
        writing = writing.then(() => stream.writeSSE(message)).catch(end);
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      await ended;
      detach();
      await writing;
    });
  });

  app.post(`${CONSOLE_PATH}/messages`, bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ ok: false }, 413) }), async (c) => {
    const line = parseLine(await c.req.text());
    if (!line) return c.json({ ok: false }, 400);
    try {
      const outcome = await target.sink.receive({ channel: 'console', chatId: line.chatId, externalId: line.externalId, content: { kind: 'text', text: line.text } });
      return c.json({ ok: true, outcome }, 200);
    } catch (error) {
      target.logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'console message not stored');
      return c.json({ ok: false }, 503);
    }
  });

  app.post(`${CONSOLE_PATH}/drain`, async (c) => {
    const chatId = c.req.query('chat');
    if (chatId === undefined || !CHAT_ID.test(chatId)) return c.json({ ok: false }, 400);
    let left = await target.unfinished(chatId);
    for (let waited = 0; left > 0 && waited < DRAIN_WAIT_MS; waited += DRAIN_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
      left = await target.unfinished(chatId);
    }
    target.bridge.drained(chatId);
    return c.json({ ok: true, unfinished: left }, 200);
  });
  return app;
}

function fromLoopback(c: Context): boolean {
  try {
    const address = getConnInfo(c).remote.address ?? '';
    return address === '::1' || /^(::ffff:)?127\./.test(address);
  } catch {
    // Not served by Node's HTTP server (no socket to ask): refuse.
    return false;
  }
}

function parseLine(raw: string): { chatId: string; externalId: string; text: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { chatId, externalId, text } = value as Record<string, unknown>;
  if (typeof chatId !== 'string' || !CHAT_ID.test(chatId)) return undefined;
  if (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId)) return undefined;
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) return undefined;
  return { chatId, externalId, text: text.trim() };
}
