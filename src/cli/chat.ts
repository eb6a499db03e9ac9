import { userInfo } from 'node:os';
import { pino } from 'pino';
import { readConsoleAccess } from '../app/console-access.js';
import { createRuntime } from '../app/create-runtime.js';
import { openStorage } from '../app/open-storage.js';
import { createConsoleChannel } from '../channels/console/create-console-channel.js';
import { loadConfig } from '../config/load-config.js';
import { createTranslator } from '../i18n/create-translator.js';
import { buildLogger } from '../logging/build-logger.js';
import { errorSummary } from '../logging/error-summary.js';
import { DatabaseInUseError } from '../storage/pglite-lock.js';
import type { Database } from '../storage/database.js';
import { runRemoteChat } from './remote-chat.js';

/**
 * `npm run chat`: talk to the assistant in this terminal, through the same engine, flow and
 * outbox as Telegram. While `npm start` runs (it announces itself in DATA_DIR), the chat goes
 * through that server's loopback console endpoint, so it sees the server's data; otherwise it
 * opens the database itself. Logs go to stderr at warn level so they do not interleave with the chat.
 */
async function chat(): Promise<void> {
  const config = loadConfig();
  const logger = buildLogger(pino.destination(2), { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, { isTerminal: process.stderr.isTTY === true });
  const t = createTranslator();
  const prompt = '> ';
  // The same chat in both ways of running, so a linked chat stays linked.
  const chatId = `terminal-${userInfo().username.replace(/[^A-Za-z0-9._-]/g, '_')}`;

  const access = readConsoleAccess(config.DATA_DIR);
  if (access) {
    const done = await runRemoteChat({
      access,
      chatId,
      input: process.stdin,
      output: process.stdout,
      prompt,
      intro: `${t('id', 'console.intro')}\n${t('id', 'console.connectedToServer')}`,
      serverGone: t('id', 'console.serverGone'),
    });
    if (done) process.exit(0);
  }

  let db: Database;
  try {
    db = await openStorage(config, logger);
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    // Another process holds the embedded database and no server answered: say so, never chat on a copy.
    process.stderr.write(`${t('id', 'console.databaseInUse', { pid: error.pid })}\n`);
    process.exit(1);
  }

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
  process.stdout.write(`${t('id', 'console.intro')}\n${t('id', 'console.ownDatabase')}\n${prompt}`);

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
