import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';

const logger = pino({ level: 'silent' });
const generous = { perChatPerSecond: 100, perChatBurst: 10, globalPerSecond: 1_000 };
const HUNG = 64;
const OTHERS = 16;
/** The Bot API sits on the hung sends this long, then delivers them anyway (as Telegram may). */
const HANG_MS = 10_000;

async function enqueue(db: TestDatabase, chatIds: number[], text: string): Promise<void> {
  await db.prisma.outboundMessage.createMany({
    data: chatIds.map((chatId) => ({ channel: 'telegram', chatId: String(chatId), payload: { kind: 'text', text: `${text} ${chatId}` } })),
  });
}

// Issue 6.3: 64 sends to a Bot API that accepted the connection and did not answer took every
// sending slot, no other chat was served, and once the claims expired the same messages went again.
describe.each(backends)('hung platform calls on $kind', (backend) => {
  let db: TestDatabase;
  let standIn: TelegramStandIn;
  let sender: OutboxSender;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    standIn = await createTelegramStandIn();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await sender.stop();
    await standIn.close();
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('do not stop other chats being served, and repeat at most the messages that were in flight', async () => {
    const hung = Array.from({ length: HUNG }, (_, i) => 1_000 + i);
    const others = Array.from({ length: OTHERS }, (_, i) => 2_000 + i);
    for (const chatId of hung) standIn.scriptSends(chatId, { kind: 'delay', ms: HANG_MS });
    const channel = createTelegramChannel({ token: '123:test', apiRoot: standIn.apiRoot, sendTimeoutMs: 3_000 });
    sender = new OutboxSender({ db, channels: [channel], rateLimits: () => generous, logger, pollIntervalMs: 50 });
    await enqueue(db, hung, 'hung');
    sender.start();
    await standIn.waitForCalls('sendMessage', HUNG, 30_000);
    const hungSince = Date.now();

    await enqueue(db, others, 'other');
    sender.wake();
    await expect
      .poll(() => others.filter((chatId) => standIn.sent.some((message) => message.chat_id === String(chatId))).length, { timeout: 10_000, interval: 50 })
      .toBe(OTHERS);
    // Served while the 64 hung calls were still unanswered.
    expect(Date.now() - hungSince).toBeLessThan(HANG_MS);

    // The hung chats get theirs through a retry; the Bot API then delivers the hung originals too.
    await expect.poll(() => hung.every((chatId) => standIn.sent.some((m) => m.chat_id === String(chatId))), { timeout: 15_000 }).toBe(true);
    await standIn.waitForMessages(OTHERS + 2 * HUNG, 15_000);
    const perChat = new Map<string, number>();
    for (const message of standIn.sent) perChat.set(message.chat_id, (perChat.get(message.chat_id) ?? 0) + 1);
    // Repeated: only messages whose send was in flight when it timed out, each at most once per timeout.
    const rows = await db.prisma.outboundMessage.findMany({ where: { chatId: { in: [...hung, ...others].map(String) } } });
    for (const row of rows) {
      const timeouts = row.lastError?.startsWith('delivery unknown') ? row.attempts - 1 : 0;
      expect(perChat.get(row.chatId)! - 1).toBeLessThanOrEqual(timeouts);
    }
    const hungRows = rows.filter((row) => Number(row.chatId) < 2_000);
    expect(hungRows.every((row) => row.status === 'sent' && row.attempts >= 2)).toBe(true);
    expect(hungRows.every((row) => row.lastError === 'delivery unknown: telegram: no answer within the send timeout')).toBe(true);
  });
});
