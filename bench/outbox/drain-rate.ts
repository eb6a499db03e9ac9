/**
 * How fast a backlog drains under the OUTBOX_* defaults (issue 6.2): `pending` replies over
 * `chats` chats wait in the outbox; the real sender delivers them through the real Telegram
 * channel to a Bot API stand-in, in real time. Prints messages/s (the limit is 30/s).
 *
 *   TEST_DATABASE_URL=postgresql://… npx tsx bench/outbox/drain-rate.ts [postgres|pglite] [pending] [chats]
 *   (default: postgres 1500 500)
 */
import pino from 'pino';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { backends } from '../../test/support/backends.js';
import { startBotApiStandIn } from '../stand-in/bot-api-stand-in.js';

async function main(): Promise<void> {
  const [kind = 'postgres', pendingArg = '1500', chatsArg = '500'] = process.argv.slice(2);
  const pending = Number(pendingArg);
  const chats = Number(chatsArg);
  const backend = backends.find((candidate) => candidate.kind === kind);
  if (!backend || backend.skipReason) throw new Error(`backend ${kind} unavailable: ${backend?.skipReason ?? 'unknown kind'}`);
  const db = await backend.open();
  const standIn = await startBotApiStandIn();
  const arrivals: number[] = [];
  const record = standIn.replies.record.bind(standIn.replies);
  standIn.replies.record = (chatId) => {
    arrivals.push(Date.now());
    record(chatId);
  };
  try {
    await db.prisma.outboundMessage.createMany({
      data: Array.from({ length: pending }, (_, i) => ({ channel: 'telegram', chatId: String(800_000 + (i % chats)), payload: { kind: 'text', text: `m${i}` } })),
    });
    const channel = createTelegramChannel({ token: '123:drain', apiRoot: standIn.apiRoot });
    const sender = new OutboxSender({
      db,
      channels: [channel],
      rateLimits: () => ({ perChatPerSecond: 1, perChatBurst: 3, globalPerSecond: 30 }),
      logger: pino({ level: 'warn' }),
    });
    const started = Date.now();
    sender.start();
    let last = -1;
    while (arrivals.length < pending) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (arrivals.length === last && Date.now() - started > 30_000) break;
      last = arrivals.length;
      process.stdout.write(`\r${arrivals.length}/${pending} sent after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    await sender.stop();
    const seconds = (arrivals[arrivals.length - 1]! - arrivals[0]!) / 1000;
    // The first 30 go as the global bucket's burst; the rest at the configured rate.
    const steady = (arrivals.length - 30) / seconds;
    console.log(`\nbackend ${kind}: ${pending} pending over ${chats} chats, ${arrivals.length} delivered in ${seconds.toFixed(1)} s`);
    console.log(`drain rate ${(arrivals.length / seconds).toFixed(1)} messages/s overall, ${steady.toFixed(1)} messages/s after the initial burst (limit 30/s)`);
  } finally {
    await standIn.close();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
