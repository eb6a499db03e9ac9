import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReplyLog } from './reply-log.js';

/**
 * A Telegram Bot API stand-in built for load: node:http on 127.0.0.1, no call history beyond
 * the reply log, the smallest answers Telegraf accepts. `getMe` and `setWebhook` are answered
 * so the channel starts; `sendMessage`/`sendPhoto` are recorded (chat id + arrival time) and
 * answered with a message id. Nothing else is kept, so it stays fast for a whole run.
 */
export interface BotApiStandIn {
  apiRoot: string;
  replies: ReplyLog;
  /** Calls of any method, by name (for the report). */
  calls: Map<string, number>;
  close(): Promise<void>;
}

const BOT = '{"id":7000001,"is_bot":true,"first_name":"KPM Bench Bot","username":"kpm_bench_bot"}';

export async function startBotApiStandIn(replies: ReplyLog = new ReplyLog()): Promise<BotApiStandIn> {
  const calls = new Map<string, number>();
  let nextMessageId = 1;

  const server = createServer((req, res) => {
    const method = methodOf(req.url ?? '');
    calls.set(method, (calls.get(method) ?? 0) + 1);
    readBody(req, (body) => {
      switch (method) {
        case 'sendMessage':
        case 'sendPhoto': {
          const chatId = chatIdOf(body);
          if (chatId === undefined) return answer(res, 400, '{"ok":false,"error_code":400,"description":"Bad Request: chat_id is empty"}');
          replies.record(chatId);
          const messageId = nextMessageId++;
          return answer(res, 200, `{"ok":true,"result":{"message_id":${messageId},"date":${Math.floor(Date.now() / 1000)},"chat":{"id":${chatId},"type":"private"}}}`);
        }
        case 'getMe':
          return answer(res, 200, `{"ok":true,"result":${BOT}}`);
        case 'setWebhook':
        case 'deleteWebhook':
        case 'answerCallbackQuery':
          return answer(res, 200, '{"ok":true,"result":true}');
        default:
          return answer(res, 404, '{"ok":false,"error_code":404,"description":"Not Found: method not found"}');
      }
    });
  });
  // Telegraf keeps connections alive; so does the stand-in, for as long as the run needs.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    replies,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** "/bot<token>/<method>" → method. */
function methodOf(url: string): string {
  const slash = url.lastIndexOf('/');
  const query = url.indexOf('?', slash);
  return url.slice(slash + 1, query === -1 ? undefined : query);
}

/** The chat id as Telegraf serialised it (number or string), without parsing the whole body. */
function chatIdOf(body: string): string | undefined {
  const match = /"chat_id":\s*"?(-?\d+)/.exec(body);
  return match?.[1];
}

function readBody(req: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => done(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
