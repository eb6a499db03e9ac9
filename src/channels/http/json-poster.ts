import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

/**
 * What came back from a JSON POST: the HTTP status and the body parsed as JSON, or `undefined`
 * when it was not JSON (a proxy's error page, an empty answer, garbage). Never throws for the
 * body: callers decide what an unreadable answer means.
 */
export interface JsonAnswer {
  status: number;
  statusText: string;
  body: unknown;
}

export interface JsonPostRequest {
  url: string;
  /** Serialised already: the caller knows what it sends. */
  body: string;
  headers?: Record<string, string>;
  /** The whole exchange, connect to last byte; then the call rejects with a TimeoutError. */
  timeoutMs: number;
  /**
   * Called synchronously once the connection is up (TLS handshake done), right before the
   * request is written in the same turn. Not called when the call fails before that point.
   */
  onDispatch?: () => void;
}

/** POSTs JSON, resolves with the answer; rejects on socket trouble or the timeout. */
export type JsonPost = (request: JsonPostRequest) => Promise<JsonAnswer>;

export interface JsonPoster {
  post: JsonPost;
  /** Closes the idle keep-alive sockets; calls in flight finish. */
  close(): void;
}

export interface JsonPosterOptions {
  /** Connections per host at most. Default unlimited, as before: the outbox bounds its sends in flight. */
  maxSockets?: number;
  /** An idle kept-alive connection is closed after this long (before a server drops it under a new request). Default 4 s. */
  idleTimeoutMs?: number;
  /** Larger answers are cut off and treated as unreadable. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** The error a send's timeout rejects with; classifiers look at its `name`, as with AbortSignal.timeout. */
export class SendTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * A JSON POST client over node:http(s) with keep-alive agents: one TCP (and TLS) connection
 * serves many sends, and none of fetch's stream machinery runs per call. Used for the platform
 * APIs' send calls (Telegram Bot API, Graph API), which are plain JSON in, JSON out.
 *
 * @example
 * const poster = createJsonPoster();
 * const answer = await poster.post({ url, body: JSON.stringify(payload), timeoutMs: 10_000 });
 */
export function createJsonPoster(options: JsonPosterOptions = {}): JsonPoster {
  const maxSockets = options.maxSockets ?? Infinity;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  // `timeout` closes idle sockets (Node's agent shortens it to a server's `Keep-Alive: timeout=…`
  // hint less a second); in-flight calls are bounded by the per-call timer below, not by this.
  const agentOptions = { keepAlive: true, maxSockets, timeout: options.idleTimeoutMs ?? 4_000 };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);

  function post(request: JsonPostRequest): Promise<JsonAnswer> {
    return new Promise<JsonAnswer>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch (error) {
        reject(error);
        return;
      }
      const secure = url.protocol === 'https:';
      const payload = Buffer.from(request.body);
      const req = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? https : http,
        headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
      });
      const timer = setTimeout(() => req.destroy(new SendTimeoutError(request.timeoutMs)), request.timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      req.on('error', fail);
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let tooLarge = false;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) tooLarge = true;
          else chunks.push(chunk);
        });
        res.on('error', fail);
        // The server closed the connection half-way through its answer.
        res.on('close', () => {
          if (!res.complete) fail(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          resolve({ status, statusText: res.statusMessage ?? '', body: tooLarge ? undefined : parseJson(Buffer.concat(chunks).toString('utf8')) });
        });
      });
      const onDispatch = request.onDispatch;
      if (!onDispatch) {
        req.end(payload);
        return;
      }
      // Written only once the socket can take it, right after the hook: between the hook and
      // the write syscall nothing else runs. A connect error or the timeout before that point
      // destroys the request, and the hook never runs.
      req.once('socket', (socket: Socket) => {
        const dispatch = () => {
          if (req.destroyed) return;
          onDispatch();
          req.end(payload);
        };
        // A kept-alive socket is connected (and past its handshake) already; a new one emits
        // 'socket' on the next tick after it was opened, so it cannot be connected yet.
        if (req.reusedSocket || (!secure && !socket.connecting)) dispatch();
        else socket.once(secure ? 'secureConnect' : 'connect', dispatch);
      });
    });
  }

  return {
    post,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
