import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil as waitUntilShared } from './wait-until.js';

/**
 * A fake Telegram Bot API on 127.0.0.1 for tests: real Telegraf talks to it through
 * `apiRoot`. It records every call and can be told to make the next sends to a chat fail.
 */

/** One Bot API call as received. */
export interface RecordedCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
  /** Date.now() on arrival. */
  at: number;
}

/** A message a send method created (sendMessage or sendPhoto). */
export interface SentMessage {
  method: 'sendMessage' | 'sendPhoto';
  chat_id: string;
  text?: string;
  photo?: string;
  caption?: string;
  reply_markup?: unknown;
  message_id: number;
}

/** What the next send to a chat does instead of (or before) succeeding. */
export type SendBehaviour =
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'blocked'; description?: string }
  | { kind: 'server-error' }
  | { kind: 'bad-request'; description?: string }
  /** The socket is destroyed before any answer: the client sees ECONNRESET. */
  | { kind: 'connection-reset' }
  /** Answers normally, but only after `ms`. */
  | { kind: 'delay'; ms: number };

/** What the next getUpdates calls answer instead of updates. */
export type PollBehaviour = { kind: 'rate-limited'; retryAfter: number } | { kind: 'server-error' };

export interface TelegramStandIn {
  apiRoot: string;
  /** Every call, in arrival order. */
  calls: RecordedCall[];
  /** Every message a send method created, in order. */
  sent: SentMessage[];
  /** The registered webhook, as setWebhook left it. */
  webhook: { url: string; secret_token?: string; allowed_updates?: unknown } | undefined;
  /** Makes the next `count` sends to `chatId` behave as told. */
  scriptSends(chatId: string | number, behaviour: SendBehaviour, count?: number): void;
  /** Makes the next `count` getUpdates calls fail as told. */
  scriptPolls(behaviour: PollBehaviour, count?: number): void;
  /** Makes updates available to getUpdates (held until an offset confirms them). */
  queueUpdates(...updates: Array<{ update_id: number }>): void;
  /** Updates queued and not yet confirmed by a getUpdates offset. */
  pendingUpdates(): Array<{ update_id: number }>;
  callsOf(method: string): RecordedCall[];
  /** Makes a file downloadable: getFile answers its path, `/file/bot<token>/<path>` its bytes. */
  putFile(fileId: string, bytes: Buffer): void;
  /** File downloads received (paths), in order. */
  downloads: string[];
  /** Resolves once `sent` holds at least `count` messages. */
  waitForMessages(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  /** Resolves once `method` was called at least `count` times. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export const STAND_IN_BOT = { id: 7000001, is_bot: true, first_name: 'KPM Test Bot', username: 'kpm_test_bot' };

type Answer = { status: number; body: unknown };

/**
 * `port` 0 (the default) picks a free one; pass a former stand-in's port to "restart" it.
 * `sendDelayMs` makes every send take that long, like a real network round trip.
 */
export async function createTelegramStandIn(options: { port?: number; sendDelayMs?: number } = {}): Promise<TelegramStandIn> {
  const calls: RecordedCall[] = [];
  const sent: SentMessage[] = [];
  const scripts = new Map<string, SendBehaviour[]>();
  const pollScripts: PollBehaviour[] = [];
  let queued: Array<{ update_id: number }> = [];
  const updateWaiters = new Set<() => void>();
  const changeWaiters = new Set<() => void>();
  let nextMessageId = 1;
  let webhook: TelegramStandIn['webhook'];

  const notifyChange = () => changeWaiters.forEach((wake) => wake());

  function ok(result: unknown): Answer {
    return { status: 200, body: { ok: true, result } };
  }
  function fail(status: number, description: string, parameters?: Record<string, unknown>): Answer {
    return { status, body: { ok: false, error_code: status, description, ...(parameters && { parameters }) } };
  }

  function createMessage(method: SentMessage['method'], payload: Record<string, unknown>): Answer {
    const chatId = String(payload.chat_id);
    const message: SentMessage = { method, chat_id: chatId, message_id: nextMessageId++ };
    if (typeof payload.text === 'string') message.text = payload.text;
    if (typeof payload.photo === 'string') message.photo = payload.photo;
    if (typeof payload.caption === 'string') message.caption = payload.caption;
    if (payload.reply_markup !== undefined) message.reply_markup = payload.reply_markup;
    sent.push(message);
    notifyChange();
    const chat = { id: Number(chatId), type: 'private', first_name: 'KPM' };
    const content =
      method === 'sendPhoto'
        ? { photo: [{ file_id: message.photo, file_unique_id: `u${message.message_id}`, width: 800, height: 600 }] }
        : { text: message.text };
    return ok({ message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat, from: STAND_IN_BOT, ...content });
  }

  /** Applies a scripted behaviour; undefined means "go on and send". */
  async function scripted(payload: Record<string, unknown>, res: ServerResponse): Promise<Answer | 'destroyed' | undefined> {
    const queue = scripts.get(String(payload.chat_id));
    const behaviour = queue?.shift();
    if (!behaviour) return undefined;
    switch (behaviour.kind) {
      case 'rate-limited':
        return fail(429, `Too Many Requests: retry after ${behaviour.retryAfter}`, { retry_after: behaviour.retryAfter });
      case 'blocked':
        return fail(403, behaviour.description ?? 'Forbidden: bot was blocked by the user');
      case 'bad-request':
        return fail(400, behaviour.description ?? 'Bad Request: chat not found');
      case 'server-error':
        return fail(500, 'Internal Server Error');
      case 'connection-reset':
        res.socket?.destroy();
        return 'destroyed';
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, behaviour.ms));
        return undefined;
    }
  }

  const conflict = () =>
    fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");

  async function getUpdates(payload: Record<string, unknown>, req: IncomingMessage): Promise<Answer> {
    const scripted = pollScripts.shift();
    if (scripted?.kind === 'rate-limited') {
      return fail(429, `Too Many Requests: retry after ${scripted.retryAfter}`, { retry_after: scripted.retryAfter });
    }
    if (scripted?.kind === 'server-error') return fail(500, 'Internal Server Error');
    if (webhook) return conflict();
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    // Like Telegram: an offset confirms every update below it, and they are gone for good.
    if (offset > 0) queued = queued.filter((update) => update.update_id >= offset);
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    const timeoutSeconds = typeof payload.timeout === 'number' ? payload.timeout : 0;
    if (queued.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          updateWaiters.delete(wake);
          req.off('close', wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutSeconds * 1000);
        updateWaiters.add(wake);
        req.on('close', wake);
      });
      // Setting a webhook cuts a waiting long poll short, as on Telegram.
      if (webhook) return conflict();
    }
    return ok(queued.slice(0, limit));
  }

  async function answer(method: string, payload: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<Answer | 'destroyed'> {
    switch (method) {
      case 'getMe':
        return ok(STAND_IN_BOT);
      case 'sendMessage':
      case 'sendPhoto':
        if (options.sendDelayMs) await new Promise((resolve) => setTimeout(resolve, options.sendDelayMs));
        return (await scripted(payload, res)) ?? createMessage(method, payload);
      case 'answerCallbackQuery':
        return ok(true);
      case 'setWebhook':
        webhook = {
          url: String(payload.url),
          ...(typeof payload.secret_token === 'string' && { secret_token: payload.secret_token }),
          ...(payload.allowed_updates !== undefined && { allowed_updates: payload.allowed_updates }),
        };
        updateWaiters.forEach((wake) => wake());
        return ok(true);
      case 'deleteWebhook':
        webhook = undefined;
        if (payload.drop_pending_updates === true) queued = [];
        return ok(true);
      case 'getUpdates':
        return getUpdates(payload, req);
      case 'getFile': {
        const stored = files.get(String(payload.file_id));
        if (stored) return ok({ file_id: payload.file_id, file_unique_id: `u-${String(payload.file_id)}`, file_size: stored.byteLength, file_path: `photos/${String(payload.file_id)}.jpg` });
        return ok({ file_id: payload.file_id, file_unique_id: `u-${String(payload.file_id)}`, file_size: 1024, file_path: 'photos/file_0.jpg' });
      }
      default:
        return fail(404, 'Not Found: method not found');
    }
  }

  const files = new Map<string, Buffer>();
  const downloads: string[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      // File downloads: GET /file/bot<token>/photos/<file_id>.jpg
      const download = /^\/file\/bot[^/]+\/photos\/(.+)\.jpg$/.exec(new URL(req.url ?? '/', 'http://stand-in').pathname);
      if (download && req.method === 'GET') {
        downloads.push(download[0]);
        const bytes = files.get(decodeURIComponent(download[1] ?? ''));
        res.writeHead(bytes ? 200 : 404, { 'content-type': bytes ? 'image/jpeg' : 'text/plain' });
        res.end(bytes ?? 'Not Found');
        return;
      }
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://stand-in').pathname);
      const payload = await readJson(req);
      if (!match || payload === undefined) return send(res, fail(400, 'Bad Request: stand-in understands JSON calls only'));
      const [, token = '', method = ''] = match;
      calls.push({ method, token, payload, at: Date.now() });
      notifyChange();
      const result = await answer(method, payload, req, res);
      if (result !== 'destroyed') send(res, result);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitUntil = <T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    waitUntilShared(changeWaiters, ready, timeoutMs, () => `telegram stand-in: ${what()}`);

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    sent,
    get webhook() {
      return webhook;
    },
    scriptSends(chatId, behaviour, count = 1) {
      const queue = scripts.get(String(chatId)) ?? [];
      for (let i = 0; i < count; i++) queue.push(behaviour);
      scripts.set(String(chatId), queue);
    },
    scriptPolls(behaviour, count = 1) {
      for (let i = 0; i < count; i++) pollScripts.push(behaviour);
    },
    queueUpdates(...updates) {
      queued.push(...updates);
      updateWaiters.forEach((wake) => wake());
    },
    pendingUpdates: () => [...queued],
    callsOf: (method) => calls.filter((call) => call.method === method),
    putFile(fileId, bytes) {
      files.set(fileId, bytes);
    },
    downloads,
    waitForMessages(count, timeoutMs = 5_000) {
      return waitUntil(
        () => (sent.length >= count ? [...sent] : undefined),
        timeoutMs,
        () => `${count} messages (have ${sent.length})`,
      );
    },
    waitForCalls(method, count, timeoutMs = 5_000) {
      const matching = () => calls.filter((call) => call.method === method);
      return waitUntil(
        () => (matching().length >= count ? matching() : undefined),
        timeoutMs,
        () => `${count} ${method} calls (have ${matching().length})`,
      );
    },
    async close() {
      updateWaiters.forEach((wake) => wake());
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  // Telegraf reads a 5xx by its status alone, like the real API's gateway errors.
  res.writeHead(answer.status, answer.status >= 500 ? 'Internal Server Error' : undefined, {
    'content-type': 'application/json',
  });
  res.end(JSON.stringify(answer.body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
