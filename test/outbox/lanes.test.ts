import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';

const logger = pino({ level: 'silent' });

async function enqueueBulk(db: TestDatabase, count: number, prefix: string): Promise<void> {
  await db.prisma.outboundMessage.createMany({
    data: Array.from({ length: count }, (_, i) => ({ channel: 'telegram', chatId: `${prefix}${i}`, payload: { kind: 'text', text: `bulk ${i}` }, lane: 1, kind: 'proactive' })),
  });
}

describe.each(backends)('outbox lanes on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (!backend.skipReason) db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('a conversation reply is never queued behind a broadcast, on another chat or the same one', async () => {
    await enqueueBulk(db, 100, 'kpm-');
    const channel = new RecordingChannel();
    // 5 messages a second: the 100 bulk messages would take 20 s.
    const sender = new OutboxSender({ db, channels: [channel], rateLimits: () => ({ perChatPerSecond: 1, perChatBurst: 1, globalPerSecond: 5 }), logger, pollIntervalMs: 20 });
    sender.start();
    await expect.poll(() => channel.sent.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);

    // A KPM with a broadcast still waiting for them writes in: their reply and another chat's go first.
    const waiting = await db.prisma.outboundMessage.findFirstOrThrow({ where: { lane: 1, status: 'pending' }, orderBy: { id: 'desc' } });
    await db.prisma.outboundMessage.createMany({
      data: [
        { channel: 'telegram', chatId: 'talking', payload: { kind: 'text', text: 'reply A' } },
        { channel: 'telegram', chatId: waiting.chatId, payload: { kind: 'text', text: 'reply B' } },
      ],
    });
    // Counted once the replies are stored (a loaded PGlite can take a while to write them).
    const before = channel.sent.length;
    sender.wake();
    await expect.poll(() => channel.textsTo('talking').length + channel.textsTo(waiting.chatId).filter((t) => t === 'reply B').length, { timeout: 5_000 }).toBe(2);
    const replyIndexes = channel.sent.flatMap((entry, index) => (entry.content.kind === 'text' && entry.content.text.startsWith('reply') ? [index] : []));
    // Only the few bulk sends that held a rate slot, or went while a loaded database wrote and
    // claimed the replies, went between: without lanes the replies would wait for all ~90 left.
    expect(Math.max(...replyIndexes) - before).toBeLessThanOrEqual(10);
    expect(await db.prisma.outboundMessage.count({ where: { lane: 1, status: 'pending' } })).toBeGreaterThan(50);
    expect(channel.textsTo(waiting.chatId)[0]).toBe('reply B');
    await sender.stop();
  });
});
