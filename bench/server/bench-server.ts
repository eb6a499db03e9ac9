/**
 * The server under test, run as a child process of bench/run.ts so that it has an event loop
 * of its own. It is wired like src/main.ts — openStorage → channel (Telegram with real Telegraf,
 * or the WhatsApp Cloud API channel: BENCH_CHANNEL) → createRuntime → createApp → startServer —
 * with three bench-only differences: the platform API is a loopback stand-in, the outbox rate
 * limits are lifted, and a middleware notes each request's X-Bench-Seq/X-Bench-Sent headers.
 * BENCH_MODE=ceiling serves a bare Hono JSON route instead; BENCH_MODE=peer the stateless peer
 * (bench/peer/stateless-peer.ts: Telegraf with an in-memory session, nothing durable).
 *
 * Talks to the driver over IPC: 'ready' when listening; it answers 'mark' (start a measuring
 * window), 'dump' (write arrivals and counters to a file), 'profile-start'/'profile-stop'
 * (CPU profile of the window) and 'stop'.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Hono } from 'hono';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { openStorage } from '../../src/app/open-storage.js';
import type { ChannelAdapter } from '../../src/channels/channel-port.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import type { CloudChannel } from '../../src/channels/whatsapp-cloud/cloud-channel.js';
import { createCloudChannel } from '../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createLastInboundAt } from '../../src/channels/whatsapp-cloud/last-inbound-at.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger, logger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import type { Database } from '../../src/storage/database.js';
import { ArrivalRecorder } from './arrival-recorder.js';
import type { ServerCommand, ServerDump, ServerEvent } from './protocol.js';
import { applyExperiments } from './experiments.js';
import { SqlCounter } from './sql-statistics.js';
import { createStatelessPeer } from '../peer/stateless-peer.js';

const env = process.env;
const mode = env.BENCH_MODE === 'ceiling' || env.BENCH_MODE === 'peer' ? env.BENCH_MODE : 'app';
const arrivals = new ArrivalRecorder();
const sql = new SqlCounter();
let markedCpu = process.cpuUsage();
let markedElu = performance.eventLoopUtilization();
let profiler: Session | undefined;

function send(event: ServerEvent): void {
  process.send?.(event);
}

/** The rate limits the bench gives the outbox: high enough never to be what it measures. */
const LIFTED_LIMITS = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 1_000_000 };

async function startApp(): Promise<{ server: RunningServer; close: () => Promise<void> }> {
  if (env.BENCH_EXPERIMENTS) applyExperiments(env.BENCH_EXPERIMENTS.split(',').filter(Boolean));
  if (env.BENCH_SQL_STATS === '1') {
    if (env.DATABASE_URL) sql.installPostgres();
    else await sql.installPglite();
  }
  const started = performance.now();
  const config = loadConfig({
    ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
    DATA_DIR: env.DATA_DIR ?? './data',
    DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE ?? '10',
    SEED_DEMO: 'true',
    NIK_HASH_SECRET: 'bench-nik-hash-secret',
    PORT: '0',
  });
  const db: Database = await openStorage(config, logger);
  const channels: ChannelAdapter[] = [];
  let telegram: TelegramChannel | undefined;
  let whatsappCloud: CloudChannel | undefined;
  if (env.BENCH_CHANNEL === 'whatsapp-cloud') {
    whatsappCloud = createCloudChannel({
      config: {
        token: env.BENCH_CLOUD_TOKEN!,
        phoneNumberId: env.BENCH_CLOUD_PHONE_NUMBER_ID!,
        appSecret: env.BENCH_CLOUD_APP_SECRET!,
        verifyToken: env.BENCH_CLOUD_VERIFY_TOKEN!,
        apiBase: env.BENCH_GRAPH_API_BASE!,
        rateLimits: LIFTED_LIMITS,
      },
      lastInboundAt: createLastInboundAt(db),
      logger: createLogger({ component: 'whatsapp-cloud' }),
    });
    channels.push(whatsappCloud);
  } else {
    telegram = createTelegramChannel({
      token: '7000001:bench-token',
      apiRoot: env.BENCH_TELEGRAM_API_ROOT!,
      webhookSecret: env.BENCH_SECRET!,
      // Webhook mode: start() calls setWebhook on the stand-in (loopback) instead of long polling.
      publicUrl: 'http://127.0.0.1:1',
      logger: createLogger({ component: 'telegram' }),
    });
    channels.push(telegram);
  }
  const runtime: Runtime = await createRuntime({ config, db, channels, logger, rateLimits: () => LIFTED_LIMITS });
  const app = createApp({
    ...(telegram ? { telegram } : {}),
    ...(whatsappCloud ? { whatsappCloud: { channel: whatsappCloud, sink: runtime.engine } } : {}),
    health: async () => ({ ok: true }),
    logger: createLogger({ component: 'http' }),
  });
  const outer = new Hono();
  outer.use('*', arrivals.middleware());
  outer.all('*', (c) => app.fetch(c.req.raw));
  const server = await startServer(outer, 0, '127.0.0.1');
  runtime.start();
  await telegram?.start(runtime.engine);
  logger.info({ startupMs: Math.round(performance.now() - started), database: db.kind, channel: channels[0]?.name }, 'bench server ready');
  return {
    server,
    async close() {
      await telegram?.stop();
      await server.close();
      await runtime.stop();
      await db.close();
    },
  };
}

/** The ceiling: the same requests against a bare Hono route that parses the JSON and answers. */
async function startCeiling(): Promise<{ server: RunningServer; close: () => Promise<void> }> {
  const app = new Hono();
  app.post('/webhooks/telegram', async (c) => {
    const update = JSON.parse(await c.req.text()) as { update_id?: unknown };
    return c.json({ ok: typeof update.update_id === 'number' });
  });
  const server = await startServer(app, 0, '127.0.0.1');
  return { server, close: () => server.close() };
}

/** The stateless peer, with the same arrival notes as the app so both pay for them. */
async function startPeer(): Promise<{ server: RunningServer; close: () => Promise<void> }> {
  const peer = createStatelessPeer({ token: '7000002:peer-token', apiRoot: env.BENCH_TELEGRAM_API_ROOT!, secret: env.BENCH_SECRET! });
  const outer = new Hono();
  outer.use('*', arrivals.middleware());
  outer.all('*', (c) => peer.app.fetch(c.req.raw));
  const server = await startServer(outer, 0, '127.0.0.1');
  return {
    server,
    async close() {
      await server.close();
      peer.stop();
    },
  };
}

async function handle(command: ServerCommand, close: () => Promise<void>): Promise<void> {
  switch (command.type) {
    case 'mark':
      markedCpu = process.cpuUsage();
      markedElu = performance.eventLoopUtilization();
      sql.reset();
      return send({ type: 'marked' });
    case 'dump': {
      const cpu = process.cpuUsage(markedCpu);
      const dump: ServerDump = {
        arrivals: arrivals.toJSON(),
        sql: sql.snapshot(),
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        eventLoopUtilization: performance.eventLoopUtilization(markedElu).utilization,
        memoryMb: Math.round(process.memoryUsage().rss / 1e6),
      };
      writeFileSync(command.file, JSON.stringify(dump));
      return send({ type: 'dumped' });
    }
    case 'profile-start':
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.post('Profiler.start');
      return send({ type: 'profiling' });
    case 'profile-stop': {
      if (!profiler) throw new Error('no profile running');
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(command.file, JSON.stringify(profile));
      profiler.disconnect();
      profiler = undefined;
      return send({ type: 'profiled' });
    }
    case 'stop':
      await close();
      process.exit(0);
  }
}

async function main(): Promise<void> {
  const running = mode === 'ceiling' ? await startCeiling() : mode === 'peer' ? await startPeer() : await startApp();
  process.on('message', (command: ServerCommand) => {
    handle(command, running.close).catch((error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: running.server.port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exit(1);
});
