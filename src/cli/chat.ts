import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createRuntime } from '../app/create-runtime.js';
import { openStorage } from '../app/open-storage.js';
import { createConsoleChannel } from '../channels/console/create-console-channel.js';
import { loadConfig } from '../config/load-config.js';
import { createTranslator } from '../i18n/create-translator.js';
import { buildLogger } from '../logging/build-logger.js';
import { errorSummary } from '../logging/error-summary.js';
import { DatabaseInUseError } from '../storage/pglite-lock.js';
import type { Database } from '../storage/database.js';

/**
 * `npm run chat`: talk to the assistant in this terminal, through the same engine, flow and
 * outbox as Telegram. Logs go to stderr at warn level so they do not interleave with the chat.
 */
async function chat(): Promise<void> {
  const config = loadConfig();
  const logger = buildLogger(pino.destination(2), { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const t = createTranslator();

  let db: Database;
  try {
    db = await openStorage(config, logger);
  } catch (error) {
    if (!(error instanceof DatabaseInUseError) || config.DATABASE_URL) throw error;
    // `npm start` holds the embedded database: chat on a separate embedded one beside it.
    process.stdout.write(`${t('id', 'console.separateDatabase')}\n`);
    db = await openStorage({ ...config, DATA_DIR: join(config.DATA_DIR, 'chat') }, logger);
  }

  const prompt = '> ';
  let runtimeStop: () => Promise<void> = async () => {};
  const channel = createConsoleChannel({
    input: process.stdin,
    output: process.stdout,
    chatId: `terminal-${userInfo().username}`,
    prompt,
    onEnd: () => void finish(),
    onError: (error) => logger.error({ err: errorSummary(error) }, 'could not store the message'),
  });
  const runtime = await createRuntime({
    config,
    db,
    channels: [channel],
    logger,
    // A terminal has no platform limits to respect.
    rateLimits: () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 }),
  });
  runtimeStop = () => runtime.stop();
  runtime.start();
  await channel.start?.(runtime.engine);
  process.stdout.write(`${t('id', 'console.intro')}\n${prompt}`);

  let finishing = false;
  async function finish(): Promise<void> {
    if (finishing) return;
    finishing = true;
    // Let the last replies go out before closing.
    await runtime.engine.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await runtimeStop();
    await db.close();
    process.stdout.write('\n');
    process.exit(0);
  }
  process.on('SIGINT', () => void finish());
}

chat().catch((error: unknown) => {
  process.stderr.write(`${errorSummary(error)}\n`);
  process.exitCode = 1;
});
