import type { ChannelAdapter } from './channels/channel-port.js';
import { createTelegramChannel } from './channels/telegram/create-telegram-channel.js';
import { createRuntime } from './app/create-runtime.js';
import { openStorage } from './app/open-storage.js';
import { loadConfig } from './config/load-config.js';
import { errorSummary } from './logging/error-summary.js';
import { createLogger, logger } from './logging/logger.js';
import { createApp } from './server/create-app.js';
import { startServer } from './server/start-server.js';

/** `npm start`: the server, the conversation engine, the outbox sender and the configured channels. */
async function main(): Promise<void> {
  const config = loadConfig();
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

  const runtime = await createRuntime({ config, db, channels, logger });
  const app = createApp({
    ...(telegram ? { telegram } : {}),
    health: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
      return { ok: true, details: { database: db.kind, telegram: telegram ? 'on' : 'off' } };
    },
    logger: createLogger({ component: 'http' }),
  });
  const server = await startServer(app, config.PORT);
  runtime.start();
  if (telegram) await telegram.start(runtime.engine);

  logger.info({ port: server.port, database: db.kind }, 'server started');
  if (telegram) {
    logger.info(config.PUBLIC_URL ? 'Telegram: webhook registered; open your bot in Telegram and press Start' : 'Telegram: long polling; open your bot in Telegram and press Start');
  } else {
    logger.info('Telegram is off (set TELEGRAM_BOT_TOKEN to turn it on). To chat in this terminal, run: npm run chat');
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await telegram?.stop();
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
