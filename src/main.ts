import type { ChannelAdapter } from './channels/channel-port.js';
import { createTelegramChannel } from './channels/telegram/create-telegram-channel.js';
import { createCloudChannel } from './channels/whatsapp-cloud/create-cloud-channel.js';
import { createLastInboundAt } from './channels/whatsapp-cloud/last-inbound-at.js';
import { loadCloudConfig } from './channels/whatsapp-cloud/load-cloud-config.js';
import { createBaileysChannel } from './channels/whatsapp-baileys/create-baileys-channel.js';
import { loadBaileysConfig } from './channels/whatsapp-baileys/load-baileys-config.js';
import { createLocalDiskMediaStore } from './media/local-disk-media-store.js';
import type { RateLimitSettings } from './outbox/rate-limits.js';
import { createRuntime } from './app/create-runtime.js';
import { openStorage } from './app/open-storage.js';
import { loadConfig } from './config/load-config.js';
import { errorSummary } from './logging/error-summary.js';
import { createLogger, logger } from './logging/logger.js';
import { createApp } from './server/create-app.js';
import { prepareDashboard } from './dashboard/prepare-dashboard.js';
import { startServer } from './server/start-server.js';

/** `npm start`: the server, the conversation engine, the outbox sender and the configured channels. */
async function main(): Promise<void> {
  const config = loadConfig();
  // WhatsApp Cloud API settings are read before anything opens, so a bad one stops start-up first.
  const cloudConfig = loadCloudConfig();
  const baileysConfig = loadBaileysConfig();
  const db = await openStorage(config, logger);

  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
        ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
        logger: createLogger({ component: 'telegram' }),
      })
    : undefined;
  const channels: ChannelAdapter[] = telegram ? [telegram] : [];

  // WhatsApp Cloud API (official): webhook only, on when WHATSAPP_CLOUD_TOKEN is set.
  const whatsappCloud = cloudConfig
    ? createCloudChannel({ config: cloudConfig, lastInboundAt: createLastInboundAt(db), logger: createLogger({ component: 'whatsapp-cloud' }) })
    : undefined;
  if (whatsappCloud) channels.push(whatsappCloud);

  // WhatsApp over Baileys (a paired phone number, WhatsApp Web protocol): on when WHATSAPP_BAILEYS=true.
  const whatsappBaileys = baileysConfig.enabled
    ? createBaileysChannel({
        db,
        config: baileysConfig,
        logger: createLogger({ component: 'whatsapp' }),
        mediaStore: createLocalDiskMediaStore(`${config.DATA_DIR}/media`),
      })
    : undefined;
  if (whatsappBaileys) channels.push(whatsappBaileys);

  // Pacing per channel: the OUTBOX_* defaults (in createRuntime), unless a channel brings its own.
  const channelLimits = new Map<string, RateLimitSettings>();
  if (cloudConfig) channelLimits.set('whatsapp-cloud', cloudConfig.rateLimits);
  // Baileys: slow, human-like pacing; bursts get unofficial numbers banned.
  if (baileysConfig.enabled) channelLimits.set('whatsapp', baileysConfig.pacing);

  const runtime = await createRuntime({ config, db, channels, logger, rateLimits: (channel) => channelLimits.get(channel) });
  const dashboard = await prepareDashboard({ db, config, logger });
  const app = createApp({
    dashboard: dashboard.app,
    ...(telegram ? { telegram } : {}),
    ...(whatsappCloud ? { whatsappCloud: { channel: whatsappCloud, sink: runtime.engine } } : {}),
    health: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
      return { ok: true, details: { database: db.kind, telegram: telegram ? 'on' : 'off', whatsappCloud: whatsappCloud ? 'on' : 'off' } };
    },
    logger: createLogger({ component: 'http' }),
  });
  const server = await startServer(app, config.PORT);
  runtime.start();
  if (telegram) await telegram.start(runtime.engine);
  if (whatsappBaileys) await whatsappBaileys.start(runtime.engine);

  logger.info({ port: server.port, database: db.kind }, 'server started');
  dashboard.announce(server.port);
  if (telegram) {
    logger.info(config.PUBLIC_URL ? 'Telegram: webhook registered; open your bot in Telegram and press Start' : 'Telegram: long polling; open your bot in Telegram and press Start');
  } else {
    logger.info('Telegram is off (set TELEGRAM_BOT_TOKEN to turn it on). To chat in this terminal, run: npm run chat');
  }
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await telegram?.stop();
    await whatsappBaileys?.stop();
    await server.close();
    await runtime.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: errorSummary(error) }, 'start-up failed');
  process.exitCode = 1;
});
