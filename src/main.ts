import { Hono } from 'hono';
import { announceConsole, consoleSecret } from './app/console-access.js';
import type { ChannelAdapter } from './channels/channel-port.js';
import { createConsoleBridge } from './channels/console/console-bridge.js';
import { classifyStartFailure } from './channels/telegram/classify-start-failure.js';
import { createTelegramChannel } from './channels/telegram/create-telegram-channel.js';
import { createCloudChannel } from './channels/whatsapp-cloud/create-cloud-channel.js';
import { createLastInboundAt } from './channels/whatsapp-cloud/last-inbound-at.js';
import { loadCloudConfig } from './channels/whatsapp-cloud/load-cloud-config.js';
import { loadBaileysConfig } from './channels/whatsapp-baileys/load-baileys-config.js';
import { createLocalDiskMediaStore } from './media/local-disk-media-store.js';
import { reportPhotoStorage } from './app/report-photo-storage.js';
import { channelRateLimits } from './app/channel-rate-limits.js';
import { createRuntime } from './app/create-runtime.js';
import { openStorage } from './app/open-storage.js';
import { loadConfig } from './config/load-config.js';
import { createLogger, logger } from './logging/logger.js';
import { createApp } from './server/create-app.js';
import { consoleRoute } from './server/routes/console.js';
import { prepareDashboard } from './dashboard/prepare-dashboard.js';
import { startServer } from './server/start-server.js';
import { describeStartupFailure, type ListenTarget } from './startup/describe-startup-failure.js';
import { keepConnecting, PermanentConnectError, type Connection } from './startup/keep-connecting.js';
import { ShutdownStack } from './startup/shutdown-stack.js';
import type { Database } from './storage/database.js';

/**
 * `npm start`: the server, the conversation engine, the outbox sender and the configured channels.
 *
 * Signal handlers come first, so Ctrl-C shuts down gracefully at any moment, start-up included.
 * Everything opened is pushed on `resources` and closed in reverse order on a signal or on a
 * failure. A failure that retrying cannot fix (port in use, database in use, a refused token)
 * ends the process with exit code 1 and one line saying why; a platform that is only
 * unreachable is retried in the background while /healthz reports it.
 */

/** Thrown at a start-up checkpoint once a signal asked to stop: not a failure. */
class StopRequested extends Error {}

const resources = new ShutdownStack();
let listenTarget: ListenTarget = { host: '127.0.0.1', port: 0 };
let stopRequested = false;
let ending = false;
let startup: Promise<void> = Promise.resolve();

process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// Node's default would print the raw stack (which may name a URL with a token) and skip closing.
process.on('uncaughtException', (error) => void end(error, 'stopped after an unexpected error'));
process.on('unhandledRejection', (error) => void end(error, 'stopped after an unexpected error'));

startup = main();
startup.catch((error: unknown) => {
  if (!(error instanceof StopRequested)) void end(error, 'start-up failed');
});

async function main(): Promise<void> {
  const checkpoint = () => {
    if (stopRequested) throw new StopRequested();
  };
  const config = loadConfig();
  listenTarget = { host: config.HOST, port: config.PORT };
  // WhatsApp Cloud API settings are read before anything opens, so a bad one stops start-up first.
  const cloudConfig = loadCloudConfig();
  const baileysConfig = loadBaileysConfig();
  // The port first: a port in use fails in a second, not after migrations. Until the app is
  // ready every request gets 503 "starting" (a platform retries a webhook later).
  let serving: Pick<Hono, 'fetch'> = new Hono().all('*', (c) => c.json({ status: 'starting' }, 503));
  const server = await startServer({ fetch: (request, env) => serving.fetch(request, env) }, config.PORT, config.HOST);
  let serverClosed: Promise<void> | undefined;
  const closeServer = () => (serverClosed ??= server.close());
  resources.push('http server', closeServer);
  checkpoint();
  const db = await openStorage(config, logger);
  resources.push('database', () => db.close());
  checkpoint();

  // Incoming photos (Baileys downloads on receipt) and the cleaned business-report photos.
  const mediaStore = createLocalDiskMediaStore(`${config.DATA_DIR}/media`);
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
        ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
        logger: createLogger({ component: 'telegram' }),
        sendTimeoutMs: config.SEND_TIMEOUT_MS,
      })
    : undefined;
  // `npm run chat` talks to this server through the console endpoint (loopback only, with the
  // installation's secret from DATA_DIR), so the terminal chat sees this server's data.
  const consoleBridge = createConsoleBridge();
  const channels: ChannelAdapter[] = [consoleBridge];
  if (telegram) channels.push(telegram);

  // WhatsApp Cloud API (official): webhook only, on when WHATSAPP_CLOUD_TOKEN is set.
  const whatsappCloud = cloudConfig
    ? createCloudChannel({ config: cloudConfig, lastInboundAt: createLastInboundAt(db), logger: createLogger({ component: 'whatsapp-cloud' }), sendTimeoutMs: config.SEND_TIMEOUT_MS })
    : undefined;
  if (whatsappCloud) channels.push(whatsappCloud);

  // WhatsApp over Baileys (a paired phone number, WhatsApp Web protocol): on when WHATSAPP_BAILEYS=true.
  // Imported only when on: Baileys and its Signal stack are the slowest part of starting up.
  const whatsappBaileys = baileysConfig.enabled
    ? (await import('./channels/whatsapp-baileys/create-baileys-channel.js')).createBaileysChannel({
        db,
        config: baileysConfig,
        logger: createLogger({ component: 'whatsapp' }),
        mediaStore,
        sendTimeoutMs: config.SEND_TIMEOUT_MS,
      })
    : undefined;
  if (whatsappBaileys) channels.push(whatsappBaileys);

  const reportPhotos = reportPhotoStorage({
    store: mediaStore,
    telegram: config.TELEGRAM_BOT_TOKEN ? { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT } : undefined,
    cloud: cloudConfig ? { token: cloudConfig.token, apiBase: cloudConfig.apiBase } : undefined,
    // Two calls per photo (look-up, download) must fit in the engine's 15 s limit for one effect.
    timeoutMs: Math.min(config.SEND_TIMEOUT_MS, 6_000),
  });
  const runtime = await createRuntime({ config, db, channels, logger, reportPhotos, rateLimits: channelRateLimits({ cloud: cloudConfig, baileys: baileysConfig }) });
  const dashboard = await prepareDashboard({ db, config, logger, proactive: runtime.proactive, wakeOutbox: () => runtime.sender.wake() });
  let telegramConnection: Connection | undefined;
  const app = createApp({
    dashboard: dashboard.app,
    // The webhook route exists in webhook mode only: with long polling nobody may post updates.
    ...(telegram && config.PUBLIC_URL ? { telegram } : {}),
    ...(whatsappCloud ? { whatsappCloud: { channel: whatsappCloud, sink: runtime.engine } } : {}),
    health: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
      const telegramState = telegram ? (telegramConnection?.state ?? 'connecting') : 'off';
      const channelsUp = telegramState === 'on' || telegramState === 'off';
      return {
        ok: channelsUp,
        ...(!channelsUp && { status: 'degraded' as const }),
        details: { database: db.kind, telegram: telegramState, whatsappCloud: whatsappCloud ? 'on' : 'off' },
      };
    },
    logger: createLogger({ component: 'http' }),
  });
  app.route(
    '/',
    consoleRoute({
      bridge: consoleBridge,
      sink: runtime.engine,
      secret: consoleSecret(config.DATA_DIR),
      unfinished: (chatId) => unfinishedConsoleMessages(db, chatId),
      logger: createLogger({ component: 'console' }),
    }),
  );
  serving = app;
  runtime.start();
  resources.push('engine and outbox', () => runtime.stop());
  // On the way down, stop taking requests before the engine and the database close; end the
  // terminal chats' reply streams first, or closing the server would wait for them.
  resources.push('http server', closeServer);
  resources.push('terminal chats', () => consoleBridge.stop());

  if (telegram) {
    const connection = keepConnecting({
      name: 'Telegram',
      connect: () => telegram.start(runtime.engine),
      classify: classifyStartFailure,
      onGiveUp: (failure) => void end(new PermanentConnectError(failure), 'Telegram stopped'),
      logger: createLogger({ component: 'telegram' }),
    });
    telegramConnection = connection;
    resources.push('telegram', async () => {
      await connection.stop();
      await telegram.stop();
    });
    await connection.firstAttempt;
    checkpoint();
  }
  if (whatsappBaileys) {
    resources.push('whatsapp', () => whatsappBaileys.stop());
    await whatsappBaileys.start(runtime.engine);
    checkpoint();
  }

  const unannounce = announceConsole(config.DATA_DIR, config.HOST, server.port);
  resources.push('console address', async () => unannounce());
  logger.info({ port: server.port, url: `http://${urlHost(config.HOST)}:${server.port}`, database: db.kind }, 'server started');
  dashboard.announce(server.port);
  if (telegram) {
    logger.info(
      telegramConnection?.state !== 'on'
        ? 'Telegram: not connected yet; retrying in the background'
        : config.PUBLIC_URL
          ? 'Telegram: webhook registered; open your bot in Telegram and press Start'
          : 'Telegram: long polling; open your bot in Telegram and press Start',
    );
  } else {
    logger.info('Telegram is off (set TELEGRAM_BOT_TOKEN to turn it on)');
  }
  logger.info('To chat with this server in a terminal, run in another terminal: npm run chat');
  if (whatsappCloud) {
    const callback = `${config.PUBLIC_URL ? config.PUBLIC_URL.replace(/\/+$/, '') : 'https://<your public URL>'}${whatsappCloud.webhookPath}`;
    logger.info({ callback }, 'WhatsApp Cloud API: in the Meta app, set this callback URL with WHATSAPP_CLOUD_VERIFY_TOKEN and subscribe to "messages"');
  }
  if (whatsappBaileys) {
    logger.info(
      baileysConfig.enabled && baileysConfig.pairingPhone
        ? 'WhatsApp (Baileys): until the number is paired, a pairing code is logged; on that phone open WhatsApp → Perangkat tertaut → Tautkan perangkat → Tautkan dengan nomor telepon and enter it'
        : 'WhatsApp (Baileys): until the number is paired, a QR code is drawn here; scan it with that phone in WhatsApp → Perangkat tertaut → Tautkan perangkat',
    );
  } else {
    logger.info('WhatsApp (Baileys) is off (set WHATSAPP_BAILEYS=true and WHATSAPP_CREDENTIALS_KEY to pair a number)');
  }
}

/** A signal: let start-up reach its next checkpoint, close everything, exit 0. A second signal exits at once. */
async function stop(signal: string): Promise<void> {
  if (stopRequested || ending) {
    logger.warn({ signal }, 'second signal: stopping without waiting');
    process.exit(130);
  }
  stopRequested = true;
  logger.info({ signal }, 'shutting down');
  await startup.catch(() => undefined);
  await resources.closeAll(logger);
  logger.info('stopped');
  process.exit(0);
}

/** A failure: one line saying why, close what was opened (port, database), exit 1. */
async function end(error: unknown, what: string): Promise<void> {
  if (ending || stopRequested) return;
  ending = true;
  logger.fatal(`${what}: ${describeStartupFailure(error, listenTarget)}`);
  await resources.closeAll(logger);
  process.exit(1);
}

/** Lines of a terminal chat not yet answered and delivered. */
async function unfinishedConsoleMessages(db: Database, chatId: string): Promise<number> {
  const [inbound, outbound] = await Promise.all([
    db.prisma.inboundMessage.count({ where: { channel: 'console', chatId, status: 'pending' } }),
    db.prisma.outboundMessage.count({ where: { channel: 'console', chatId, status: { in: ['pending', 'claimed', 'sending'] } } }),
  ]);
  return inbound + outbound;
}

/** IPv6 addresses go in brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
