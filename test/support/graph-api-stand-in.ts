import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil as waitUntilShared } from './wait-until.js';

/**
 * A fake Graph API (WhatsApp Cloud API) on 127.0.0.1 for tests and benchmarks. The adapter
 * talks to it through WHATSAPP_CLOUD_API_BASE. It records every `POST /{version}/{phone-number-id}/messages`,
 * answers `{ messages: [{ id }] }`, refuses what Meta would refuse (limits on text, buttons and
 * lists, a wrong token), and can be told to make the next sends to a recipient fail.
 *
 * For load: `keepMessages: false` keeps only counters (`count`, `countFor`), and
 * `waitForCount` resolves when enough replies arrived.
 */

/** One message Meta would have accepted. */
export interface GraphMessage {
  phoneNumberId: string;
  /** `to` (a phone number) or `recipient` (a business-scoped user id). */
  to: string;
  type: string;
  /** The whole request body as posted. */
  body: Record<string, unknown>;
  /** What a person reads: text body, interactive body or image caption. */
  text?: string;
  /** Tappable labels: reply-button titles, or list rows (the description where it holds the whole label). */
  buttons?: string[];
  /** Set for interactive messages. */
  interactive?: 'button' | 'list';
  /** The wamid returned. */
  id: string;
  /** Date.now() on arrival. */
  at: number;
}

/** What the next send to a recipient does instead of succeeding. */
export type GraphBehaviour =
  /** 130429: the business number's throughput was exceeded. */
  | { kind: 'throughput' }
  /** 131056: too many messages to this person (pair rate limit). */
  | { kind: 'pair-rate' }
  /** 131047: more than 24 hours since the person wrote. */
  | { kind: 're-engagement' }
  /** 131026: message undeliverable. */
  | { kind: 'undeliverable' }
  /** 100: invalid parameter (a bad request). */
  | { kind: 'bad-request' }
  /** HTTP 500, code 131000. */
  | { kind: 'server-error' }
  /** HTTP 401, code 190: the access token expired. */
  | { kind: 'token' }
  /** HTTP 429 without a Graph error body (a proxy). */
  | { kind: 'http-429' }
  /** The socket is destroyed before any answer. */
  | { kind: 'connection-reset' };

export interface GraphApiStandInOptions {
  /** The access token to accept. Default 'test-token'. */
  token?: string;
  /** Keep every accepted message in `messages` (default true); false keeps counters only. */
  keepMessages?: boolean;
  /** Answer each send only after this many ms, like a real round trip. */
  latencyMs?: number;
  port?: number;
}

export interface GraphApiStandIn {
  /** Base URL with a version, for WHATSAPP_CLOUD_API_BASE: http://127.0.0.1:<port>/v21.0 */
  apiBase: string;
  /** Accepted messages, oldest first (empty when keepMessages is false). */
  messages: GraphMessage[];
  /** Accepted messages in all. */
  readonly count: number;
  /** Every POST that reached the stand-in, accepted or not. */
  readonly requests: number;
  /** Accepted messages to one recipient. */
  countFor(to: string): number;
  messagesTo(to: string): GraphMessage[];
  /** Makes the next `count` sends to `to` behave as told. */
  scriptSends(to: string, behaviour: GraphBehaviour, count?: number): void;
  /** Makes media downloadable: `GET /{media-id}` answers a URL, which answers the bytes (both need the token). */
  putMedia(mediaId: string, bytes: Buffer, mimeType: string): void;
  /** Media downloads served (media ids), in order. */
  mediaDownloads: string[];
  /** Resolves once `count` messages in all were accepted. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the first message to `to` for which `match` holds (past or future). */
  waitForMessage(to: string, match: (message: GraphMessage) => boolean, timeoutMs?: number): Promise<GraphMessage>;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

const LIMITS = { text: 4096, interactiveBody: 1024, caption: 1024, buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, listButton: 20 };

export async function createGraphApiStandIn(options: GraphApiStandInOptions = {}): Promise<GraphApiStandIn> {
  const token = options.token ?? 'test-token';
  const keep = options.keepMessages ?? true;
  const messages: GraphMessage[] = [];
  const perRecipient = new Map<string, number>();
  const scripts = new Map<string, GraphBehaviour[]>();
  const waiters = new Set<() => void>();
  let count = 0;
  let requests = 0;
  let nextId = 1;

  const graphError = (status: number, code: number, message: string): Answer => ({
    status,
    body: { error: { message, type: status === 401 ? 'OAuthException' : 'GraphMethodException', code, fbtrace_id: 'stand-in' } },
  });

  function scripted(to: string): Answer | 'destroy' | undefined {
    const behaviour = scripts.get(to)?.shift();
    switch (behaviour?.kind) {
      case undefined:
        return undefined;
      case 'throughput':
        return graphError(400, 130429, '(#130429) Rate limit hit');
      case 'pair-rate':
        return graphError(400, 131056, '(#131056) (Business Account, Consumer Account) pair rate limit hit');
      case 're-engagement':
        return graphError(400, 131047, 'Re-engagement message');
      case 'undeliverable':
        return graphError(400, 131026, 'Message undeliverable');
      case 'bad-request':
        return graphError(400, 100, '(#100) Invalid parameter');
      case 'server-error':
        return graphError(500, 131000, 'Something went wrong');
      case 'token':
        return graphError(401, 190, 'Error validating access token: Session has expired');
      case 'http-429':
        return { status: 429, body: 'Too Many Requests' };
      case 'connection-reset':
        return 'destroy';
    }
  }

  function accept(phoneNumberId: string, to: string, body: Record<string, unknown>): Answer {
    const id = `wamid.stand-in.${nextId++}`;
    count += 1;
    perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    if (keep) messages.push({ phoneNumberId, to, type: String(body.type), body, id, at: Date.now(), ...readable(body) });
    waiters.forEach((wake) => wake());
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id }] } };
  }

  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  const mediaDownloads: string[] = [];
  let origin = '';

  /** Meta's two media steps: GET /{version}/{media-id} → { url }, then GET url → bytes. */
  function mediaAnswer(req: IncomingMessage): Answer | { status: number; bytes: Buffer; mimeType: string } | undefined {
    if (req.method !== 'GET') return undefined;
    const pathname = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const info = /^\/v[\d.]+\/([A-Za-z0-9_.-]+)$/.exec(pathname);
    const file = /^\/media-download\/([A-Za-z0-9_.-]+)$/.exec(pathname);
    if (!info && !file) return undefined;
    if (req.headers.authorization !== `Bearer ${token}`) return graphError(401, 190, 'Invalid OAuth access token');
    const id = (info ?? file)![1] ?? '';
    const stored = media.get(id);
    if (!stored) return graphError(404, 100, 'Unsupported get request');
    if (info) return { status: 200, body: { messaging_product: 'whatsapp', url: `${origin}/media-download/${id}`, mime_type: stored.mimeType, sha256: 'stand-in', file_size: stored.bytes.byteLength, id } };
    mediaDownloads.push(id);
    return { status: 200, bytes: stored.bytes, mimeType: stored.mimeType };
  }

  async function answer(req: IncomingMessage): Promise<Answer | 'destroy'> {
    const path = /^\/v[\d.]+\/([^/]+)\/messages$/.exec(new URL(req.url ?? '/', 'http://stand-in').pathname);
    const body = await readJson(req);
    if (req.method !== 'POST' || !path) return graphError(400, 100, 'Unsupported request');
    requests += 1;
    if (req.headers.authorization !== `Bearer ${token}`) return graphError(401, 190, 'Invalid OAuth access token');
    if (body === undefined || body.messaging_product !== 'whatsapp') return graphError(400, 100, '(#100) The parameter messaging_product is required.');
    const to = typeof body.to === 'string' ? body.to : typeof body.recipient === 'string' ? body.recipient : undefined;
    if (to === undefined) return graphError(400, 100, '(#100) The parameter to is required.');
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const script = scripted(to);
    if (script) return script;
    const problem = refusal(body);
    if (problem) return graphError(400, 100, `(#100) Invalid parameter: ${problem}`);
    return accept(path[1] ?? '', to, body);
  }

  const server = createServer((req, res) => {
    const mediaResult = mediaAnswer(req);
    if (mediaResult && 'bytes' in mediaResult) {
      res.writeHead(200, { 'content-type': mediaResult.mimeType });
      res.end(mediaResult.bytes);
      return;
    }
    if (mediaResult) {
      res.writeHead(mediaResult.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(mediaResult.body));
      return;
    }
    void answer(req)
      .then((result) => {
        if (result === 'destroy') return res.socket?.destroy();
        res.writeHead(result.status, { 'content-type': typeof result.body === 'string' ? 'text/plain' : 'application/json' });
        res.end(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
      })
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const waitUntil = <T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    waitUntilShared(waiters, ready, timeoutMs, () => `graph api stand-in: ${what()}`);

  return {
    apiBase: `http://127.0.0.1:${port}/v21.0`,
    messages,
    get count() {
      return count;
    },
    get requests() {
      return requests;
    },
    countFor: (to) => perRecipient.get(to) ?? 0,
    putMedia(mediaId, bytes, mimeType) {
      media.set(mediaId, { bytes, mimeType });
    },
    mediaDownloads,
    messagesTo: (to) => messages.filter((message) => message.to === to),
    scriptSends(to, behaviour, times = 1) {
      const queue = scripts.get(to) ?? [];
      for (let i = 0; i < times; i++) queue.push(behaviour);
      scripts.set(to, queue);
    },
    async waitForCount(wanted, timeoutMs = 10_000) {
      await waitUntil(() => (count >= wanted ? true : undefined), timeoutMs, () => `${wanted} messages (have ${count})`);
    },
    waitForMessage(to, match, timeoutMs = 10_000) {
      return waitUntil(
        () => messages.find((message) => message.to === to && match(message)),
        timeoutMs,
        () => `a matching message to a recipient (it has ${perRecipient.get(to) ?? 0}: ${JSON.stringify(messages.filter((m) => m.to === to).map((m) => m.text?.slice(0, 60)))})`,
      );
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** What a person would read and tap in an accepted message. */
function readable(body: Record<string, unknown>): Pick<GraphMessage, 'text' | 'buttons' | 'interactive'> {
  const part = record(body[String(body.type)]);
  switch (body.type) {
    case 'text':
      return { text: String(part?.body) };
    case 'image':
      return typeof part?.caption === 'string' ? { text: part.caption } : {};
    case 'interactive': {
      const text = String(record(part?.body)?.text);
      const action = record(part?.action);
      if (part?.type === 'button') {
        const buttons = arrayOf(action?.buttons).map((button) => String(record(record(button)?.reply)?.title));
        return { text, buttons, interactive: 'button' };
      }
      const rows = arrayOf(action?.sections).flatMap((section) => arrayOf(record(section)?.rows)).map(record);
      return { text, buttons: rows.map((row) => String(row?.description ?? row?.title)), interactive: 'list' };
    }
    default:
      return {};
  }
}

/** Why Meta would refuse this message (its documented limits), or undefined. */
function refusal(body: Record<string, unknown>): string | undefined {
  const part = record(body[String(body.type)]);
  if (!part) return `missing ${String(body.type)} object`;
  switch (body.type) {
    case 'text': {
      const text = typeof part.body === 'string' ? part.body : '';
      if (text.trim() === '') return 'text.body is empty';
      return text.length > LIMITS.text ? 'text.body too long' : undefined;
    }
    case 'image':
      if (typeof part.id !== 'string' && typeof part.link !== 'string') return 'image needs id or link';
      return typeof part.caption === 'string' && part.caption.length > LIMITS.caption ? 'caption too long' : undefined;
    case 'template': {
      const language = record(part.language);
      return typeof part.name === 'string' && typeof language?.code === 'string' ? undefined : 'template needs name and language.code';
    }
    case 'interactive':
      return interactiveRefusal(part);
    default:
      return `unsupported type ${String(body.type)}`;
  }
}

function interactiveRefusal(part: Record<string, unknown>): string | undefined {
  const text = record(part.body)?.text;
  if (typeof text !== 'string' || text.trim() === '') return 'interactive.body.text is empty';
  if (text.length > LIMITS.interactiveBody) return 'interactive.body.text too long';
  const action = record(part.action);
  if (part.type === 'button') {
    const buttons = arrayOf(action?.buttons).map((button) => record(record(button)?.reply));
    if (buttons.length === 0 || buttons.length > LIMITS.buttons) return 'buttons: 1 to 3';
    if (buttons.some((reply) => typeof reply?.title !== 'string' || reply.title.length === 0 || reply.title.length > LIMITS.buttonTitle)) return 'button title 1 to 20 characters';
    return unique(buttons.map((reply) => reply?.id)) && unique(buttons.map((reply) => reply?.title)) ? undefined : 'button ids and titles must be unique';
  }
  if (part.type === 'list') {
    const button = action?.button;
    if (typeof button !== 'string' || button.length === 0 || button.length > LIMITS.listButton) return 'list button 1 to 20 characters';
    const rows = arrayOf(action?.sections).flatMap((section) => arrayOf(record(section)?.rows)).map(record);
    if (rows.length === 0 || rows.length > LIMITS.rows) return 'rows: 1 to 10';
    if (rows.some((row) => typeof row?.title !== 'string' || row.title.length === 0 || row.title.length > LIMITS.rowTitle)) return 'row title 1 to 24 characters';
    if (rows.some((row) => typeof row?.description === 'string' && row.description.length > LIMITS.rowDescription)) return 'row description over 72 characters';
    return unique(rows.map((row) => row?.id)) ? undefined : 'row ids must be unique';
  }
  return `unsupported interactive type ${String(part.type)}`;
}

function unique(values: unknown[]): boolean {
  return new Set(values).size === values.length;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return record(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch {
    return undefined;
  }
}
