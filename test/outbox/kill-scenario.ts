import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/storage/database.js';
import { createEmptyPostgresDatabase } from '../support/backends.js';
import { freePort, postUpdate, startServerChild, telegramText, type ServerChild } from '../support/server-child.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';

/**
 * Issue 6.4's scenario: the real server as a child process takes `updates` Telegram updates over
 * `chats` chats at `perSecond`, is killed with SIGKILL `kills` times along the way and restarted,
 * then stopped gracefully and restarted once more. Replies are counted at the Bot API stand-in
 * and compared, chat by chat, with the replies the database holds.
 */
export interface KillScenarioOptions {
  backend: 'postgres' | 'pglite';
  updates: number;
  chats: number;
  perSecond: number;
  kills: number;
  /** Each Bot API send takes this long, so sends are really in flight when the kill comes. */
  sendDelayMs: number;
  /** OUTBOX_SEND_CONCURRENCY: the platform calls the server has on the wire at once. */
  sendConcurrency?: number;
  log?: (line: string) => void;
}

export interface KillScenarioResult {
  acked: number;
  stored: number;
  replies: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Sends marked in flight when each kill came (reported by the next start as resent). */
  inFlightAtKills: number[];
  /** Milliseconds from each restart's "server started" to its first reply. */
  resumeMs: number[];
  /** Replies sent twice because of the graceful stop (must be 0). */
  duplicatedByGracefulStop: number;
  /** Messages the stop left unsent, and how many the next start delivered. */
  leftAtGracefulStop: number;
  deliveredAfterGracefulStop: number;
  /** Stored inbound messages not processed ('pending' or 'failed') once everything settled. */
  unprocessed: number;
}

const SECRET = 'kill-scenario-secret';
const TEXTS = ['halo', 'menu', 'bantuan', 'halo'];

export async function runKillScenario(options: KillScenarioOptions): Promise<KillScenarioResult> {
  const log = options.log ?? (() => {});
  const standIn = await createTelegramStandIn({ sendDelayMs: options.sendDelayMs });
  const postgres = options.backend === 'postgres' ? await createEmptyPostgresDatabase() : undefined;
  const dataDir = postgres ? undefined : await mkdtemp(join(tmpdir(), 'kpm-kill-'));
  const port = await freePort();
  const env = {
    ...(postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: dataDir! }),
    PORT: String(port),
    TELEGRAM_BOT_TOKEN: '123:kill-scenario',
    TELEGRAM_API_ROOT: standIn.apiRoot,
    PUBLIC_URL: 'https://kpm.example.go.id',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    OUTBOX_GLOBAL_PER_SECOND: '1000',
    ...(options.sendConcurrency ? { OUTBOX_SEND_CONCURRENCY: String(options.sendConcurrency) } : {}),
    OUTBOX_PER_CHAT_PER_SECOND: '100',
    OUTBOX_PER_CHAT_BURST: '20',
  };
  let server: ServerChild | undefined;
  const inFlightAtKills: number[] = [];
  const resumeMs: number[] = [];
  try {
    server = await startServerChild(env);
    let acked = 0;
    const deliveries: Array<Promise<void>> = [];
    const started = Date.now();
    const killAt = new Set(Array.from({ length: options.kills }, (_, k) => Math.floor(((k + 1) * options.updates) / (options.kills + 1))));
    for (let i = 0; i < options.updates; i += 1) {
      const wait = started + (i * 1000) / options.perSecond - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const update = telegramText(i + 1, 700_000 + (i % options.chats), TEXTS[Math.floor(i / options.chats) % TEXTS.length]!);
      // Like Telegram: an update is posted again until the server acknowledges it.
      deliveries.push(
        (async () => {
          while ((await postUpdate(port, SECRET, update)) !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
          acked += 1;
        })(),
      );
      if (killAt.has(i)) {
        await server.kill();
        log(`kill -9 after ${i} updates`);
        server = await restart(env, standIn, inFlightAtKills, resumeMs, log);
      }
    }
    await Promise.all(deliveries);
    await quiet(standIn, 3_000);
    // A graceful stop: what was in flight finishes and is recorded; nothing may go twice after it.
    await server.stop();
    server = undefined;
    const atStop = await readOutbox(postgres?.url, dataDir);
    const sentBeforeRestart = standIn.sent.length;
    server = await startServerChild(env);
    await quiet(standIn, 3_000);
    await server.stop();
    server = undefined;
    const final = await readOutbox(postgres?.url, dataDir);

    const got = new Map<string, number>();
    for (const message of standIn.sent) got.set(message.chat_id, (got.get(message.chat_id) ?? 0) + 1);
    let lost = 0;
    let duplicated = 0;
    for (const [chatId, expected] of final.perChat) {
      const received = got.get(chatId) ?? 0;
      lost += Math.max(0, expected - received);
      duplicated += Math.max(0, received - expected);
    }
    for (const [chatId, received] of got) if (!final.perChat.has(chatId)) duplicated += received;
    const deliveredAfterGracefulStop = standIn.sent.length - sentBeforeRestart;
    return {
      acked,
      stored: final.inbound,
      replies: final.total,
      delivered: standIn.sent.length,
      lost: lost + Math.max(0, acked - final.inbound),
      duplicated,
      inFlightAtKills,
      resumeMs,
      duplicatedByGracefulStop: Math.max(0, deliveredAfterGracefulStop - atStop.unsent),
      leftAtGracefulStop: atStop.unsent,
      deliveredAfterGracefulStop,
      unprocessed: final.unprocessed,
    };
  } finally {
    await server?.kill();
    await standIn.close();
    await postgres?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function restart(
  env: Record<string, string>,
  standIn: TelegramStandIn,
  inFlightAtKills: number[],
  resumeMs: number[],
  log: (line: string) => void,
): Promise<ServerChild> {
  const callsBefore = standIn.callsOf('sendMessage').length;
  const server = await startServerChild(env);
  const startedAt = Date.now();
  // The new process reports what the killed one left in flight as soon as it takes over.
  const index = inFlightAtKills.push(0) - 1;
  void (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      // Per channel: the server also leads the terminal chat's channel, which has nothing in flight.
      const takeover = server.logs.find((record) => record.msg === 'outbox sender took over the channel' && record.channel === 'telegram');
      if (takeover) {
        inFlightAtKills[index] = Number(takeover.inFlightResent ?? 0);
        log(`restart ${index + 1}: took over after ${Date.now() - startedAt} ms; ${JSON.stringify(takeover)}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    log(`restart ${index + 1}: no takeover line; last logs ${JSON.stringify(server.logs.slice(-8))}`);
  })();
  void standIn.waitForCalls('sendMessage', callsBefore + 1, 30_000).then(
    (calls) => {
      resumeMs.push(Math.max(0, calls[callsBefore]!.at - startedAt));
    },
    () => resumeMs.push(Number.NaN),
  );
  return server;
}

/** Resolves once the stand-in has received no send for `ms`. */
async function quiet(standIn: TelegramStandIn, ms: number, capMs = 120_000): Promise<void> {
  const deadline = Date.now() + capMs;
  let count = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    if (standIn.calls.length !== count) {
      count = standIn.calls.length;
      since = Date.now();
    } else if (Date.now() - since >= ms) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readOutbox(databaseUrl: string | undefined, dataDir: string | undefined) {
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir!, 'pglite') });
  try {
    const rows = await db.prisma.outboundMessage.groupBy({ by: ['chatId'], _count: { _all: true } });
    const unsent = await db.prisma.outboundMessage.count({ where: { status: { not: 'sent' } } });
    const inbound = await db.prisma.inboundMessage.count();
    const unprocessed = await db.prisma.inboundMessage.count({ where: { status: { not: 'done' } } });
    const perChat = new Map(rows.map((row) => [row.chatId, row._count._all]));
    return { perChat, total: rows.reduce((sum, row) => sum + row._count._all, 0), unsent, inbound, unprocessed };
  } finally {
    await db.close();
  }
}
