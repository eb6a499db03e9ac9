import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive } from '../../src/proactive/index.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';
import { createEmptyPostgresDatabase } from '../support/backends.js';
import { freePort, startServerChild, type ServerChild } from '../support/server-child.js';
import { createTelegramStandIn } from '../support/telegram-stand-in.js';

export interface BroadcastKillOptions {
  backend: 'postgres' | 'pglite';
  recipients: number;
  kills: number;
  perSecond: number;
  sendDelayMs: number;
  /** OUTBOX_SEND_CONCURRENCY of the server: the most sends it has under way at once. */
  sendConcurrency: number;
  log?: (line: string) => void;
}

export interface BroadcastKillResult {
  recipients: number;
  /** sendMessage requests the stand-in received (counted on arrival, before its delayed answer). */
  delivered: number;
  /** KPM who got nothing. */
  missing: number;
  /** Extra copies at the stand-in beyond one per KPM. */
  duplicated: number;
  /** Sends the killed process had marked in flight and not dispatched (the next start sends them). */
  inFlightAtKills: number[];
  /** Sends the killed process had dispatched with no answer yet (the next start records them sent, unconfirmed). */
  unconfirmedAtKills: number[];
  /** Send rows recorded sent with delivery unknown at the end. */
  unconfirmedRows: number;
  /** Proactive send rows: one per KPM, whatever happened. */
  sendRows: number;
}

/**
 * A broadcast to `recipients` KPM (one Telegram chat each), confirmed before the real server
 * starts; the server (a child process) is killed with SIGKILL `kills` times while it sends, and
 * restarted; at the end each chat's messages are counted at the Bot API stand-in.
 */
export async function runBroadcastKill(options: BroadcastKillOptions): Promise<BroadcastKillResult> {
  const log = options.log ?? (() => {});
  const standIn = await createTelegramStandIn({ sendDelayMs: options.sendDelayMs });
  const postgres = options.backend === 'postgres' ? await createEmptyPostgresDatabase() : undefined;
  const dataDir = postgres ? undefined : await mkdtemp(join(tmpdir(), 'kpm-bkill-'));
  const open = () => openDatabase(postgres ? { databaseUrl: postgres.url } : { dataDir: join(dataDir!, 'pglite') });
  const port = await freePort();
  const env = {
    ...(postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: dataDir! }),
    PORT: String(port),
    TELEGRAM_BOT_TOKEN: '123:broadcast-kill',
    TELEGRAM_API_ROOT: standIn.apiRoot,
    PUBLIC_URL: 'https://kpm.example.go.id',
    TELEGRAM_WEBHOOK_SECRET: 'broadcast-kill-secret',
    OUTBOX_GLOBAL_PER_SECOND: String(options.perSecond),
    OUTBOX_PER_CHAT_PER_SECOND: '10',
    OUTBOX_PER_CHAT_BURST: '5',
    OUTBOX_SEND_CONCURRENCY: String(options.sendConcurrency),
    // The test runs at any hour.
    QUIET_HOURS_START: '00:00',
    QUIET_HOURS_END: '00:00',
  };
  let server: ServerChild | undefined;
  const inFlightAtKills: number[] = [];
  const unconfirmedAtKills: number[] = [];
  // Counted as the stand-in receives each request, before its delayed answer: a send the
  // killed process never heard back about still counts.
  const received = () => standIn.calls.filter((call) => call.method === 'sendMessage');
  try {
    const db = await open();
    try {
      await applyMigrations(db);
      await seedAndConfirm(db, options.recipients);
    } finally {
      await db.close();
    }
    log('broadcast queued');
    server = await startServerChild(env);
    for (let k = 1; k <= options.kills; k += 1) {
      await standIn.waitForCalls('sendMessage', Math.floor((k * options.recipients) / (options.kills + 1)), 600_000);
      await server.kill();
      log(`kill -9 at ${received().length} received`);
      server = await startServerChild(env);
      const index = inFlightAtKills.push(0) - 1;
      unconfirmedAtKills.push(0);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const takeover = server.logs.find((record) => record.msg === 'outbox sender took over the channel' && record.channel === 'telegram');
        if (takeover) {
          inFlightAtKills[index] = Number(takeover.inFlightResent ?? 0);
          // Logged before the takeover, when the predecessor's journal held anything.
          const journal = server.logs.find((record) => record.msg === "outbox sender read its predecessor's journal");
          unconfirmedAtKills[index] = Number(journal?.unconfirmed ?? 0);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    // Until every KPM's message is accounted for (or a generous cap).
    const deadline = Date.now() + 600_000;
    while (Date.now() < deadline && new Set(received().map((call) => String(call.payload.chat_id))).size < options.recipients) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await server.stop();
    server = undefined;
    const counts = new Map<string, number>();
    for (const call of received()) counts.set(String(call.payload.chat_id), (counts.get(String(call.payload.chat_id)) ?? 0) + 1);
    let duplicated = 0;
    for (const n of counts.values()) duplicated += Math.max(0, n - 1);
    const after = await open();
    let sendRows: number;
    let unconfirmedRows: number;
    try {
      sendRows = await after.prisma.proactiveSend.count();
      unconfirmedRows = await after.prisma.outboundMessage.count({ where: { status: 'sent', deliveryStatus: 'unknown' } });
    } finally {
      await after.close();
    }
    return {
      recipients: options.recipients,
      delivered: received().length,
      missing: options.recipients - counts.size,
      duplicated,
      inFlightAtKills,
      unconfirmedAtKills,
      unconfirmedRows,
      sendRows,
    };
  } finally {
    await server?.kill();
    await standIn.close();
    await postgres?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function seedAndConfirm(db: Database, count: number): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => i);
  await db.prisma.recipient.createMany({
    data: ids.map((i) => ({ nik: `3601${String(i).padStart(12, '0')}`, fullName: `KPM ${i}`, regency: 'Kabupaten Pandeglang', district: 'Labuan', village: 'Cigondang' })),
  });
  const recipients = await db.prisma.recipient.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  await db.prisma.conversation.createMany({
    data: recipients.map((r, i) => ({ channel: 'telegram', chatId: String(900_000 + i), machineId: 'kpm-assistant', machineVersion: 2, recipientId: r.id })),
  });
  const proactive = createProactive({ db, translate: createTranslator(), quietHours: { start: 0, end: 0 } });
  const broadcast = await proactive.createBroadcast(
    { requestKey: 'kill-test', createdById: null, target: { regencies: ['Kabupaten Pandeglang'] }, message: { kind: 'text', text: 'Pengumuman untuk semua KPM.' } },
    'all',
  );
  await proactive.confirmBroadcast(broadcast.id, 'all');
  // A repeated confirm (a double click) queues nothing more.
  await proactive.confirmBroadcast(broadcast.id, 'all');
}
