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
  const chatId = `terminal-${userInfo().username}`;
  const channel = createConsoleChannel({
    input: process.stdin,
    output: process.stdout,
    chatId,
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
  runtime.start();
  await channel.start?.(runtime.engine);
  process.stdout.write(`${t('id', 'console.intro')}\n${prompt}`);

  let finishing = false;
  async function finish(): Promise<void> {
    if (finishing) return;
    finishing = true;
    // Let the last lines be answered and printed before closing (at most a few seconds).
    for (let waited = 0; waited < 5_000 && (await unfinished()) > 0; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await runtime.stop();
    await db.close();
    process.stdout.write('\n');
    process.exit(0);
  }
  function unfinished(): Promise<number> {
    return Promise.all([
      db.prisma.inboundMessage.count({ where: { channel: 'console', chatId, status: 'pending' } }),
      db.prisma.outboundMessage.count({ where: { channel: 'console', chatId, status: { in: ['pending', 'claimed', 'sending'] } } }),
    ]).then(([inbound, outbound]) => inbound + outbound);
  }
  process.on('SIGINT', () => void finish());
}

chat().catch((error: unknown) => {
  process.stderr.write(`${errorSummary(error)}\n`);
  process.exitCode = 1;
});
