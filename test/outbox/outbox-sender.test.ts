import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import type { RateLimitSettings } from '../../src/outbox/rate-limits.js';
import type { Database } from '../../src/storage/database.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';

const logger = pino({ level: 'silent' });
const generous: RateLimitSettings = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 };

function senderFor(db: Database, channel: RecordingChannel, limits: RateLimitSettings = generous) {
  return new OutboxSender({ db, channels: [channel], rateLimits: () => limits, logger, pollIntervalMs: 20, leaseTtlMs: 3_000 });
}

async function enqueue(db: Database, chatId: string, texts: string[]): Promise<void> {
  await db.prisma.outboundMessage.createMany({
    data: texts.map((text) => ({ channel: 'telegram', chatId, payload: { kind: 'text', text } })),
  });
}

async function statuses(db: Database, chatId: string): Promise<string[]> {
  const rows = await db.prisma.outboundMessage.findMany({ where: { chatId }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.status);
}

describe.each(backends)('outbox sender on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (!backend.skipReason) db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('delivers each chat its messages in order and records them as sent', async () => {
    const channel = new RecordingChannel();
    await enqueue(db, 'a', ['a1', 'a2', 'a3']);
    await enqueue(db, 'b', ['b1', 'b2']);
    const sender = senderFor(db, channel);
    sender.start();
    await expect.poll(() => statuses(db, 'a'), { timeout: 10_000 }).toEqual(['sent', 'sent', 'sent']);
    await expect.poll(() => statuses(db, 'b'), { timeout: 10_000 }).toEqual(['sent', 'sent']);
    await sender.stop();
    expect(channel.textsTo('a')).toEqual(['a1', 'a2', 'a3']);
    expect(channel.textsTo('b')).toEqual(['b1', 'b2']);
    const row = await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'a' }, orderBy: { id: 'asc' } });
    expect(row.externalId).toMatch(/^ext-/);
    expect(row.sentAt).not.toBeNull();
  });

  it.skipIf(backend.skipReason)('waits retry_after on a 429 and keeps the chat in order', async () => {
    const channel = new RecordingChannel();
    channel.script('c', { status: 'rate-limited', retryAfterMs: 1_000, reason: '429' });
    await enqueue(db, 'c', ['c1', 'c2']);
    const sender = senderFor(db, channel);
    const started = Date.now();
    sender.start();
    await expect.poll(() => statuses(db, 'c'), { timeout: 10_000 }).toEqual(['sent', 'sent']);
    await sender.stop();
    expect(channel.textsTo('c')).toEqual(['c1', 'c2']);
    expect(channel.sent[0]!.at - started).toBeGreaterThanOrEqual(950);
    const first = await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'c' }, orderBy: { id: 'asc' } });
    expect(first.attempts).toBe(1);
  });

  it.skipIf(backend.skipReason)('retries a transient failure with backoff, then gives up after the limit', async () => {
    const channel = new RecordingChannel();
    channel.script('d', { status: 'transient-error', reason: 'HTTP 502' });
    channel.script('e', ...Array.from({ length: 2 }, () => ({ status: 'transient-error' as const, reason: 'ECONNRESET' })));
    await enqueue(db, 'd', ['d1']);
    await enqueue(db, 'e', ['e1', 'e2']);
    const sender = new OutboxSender({ db, channels: [channel], rateLimits: () => generous, logger, pollIntervalMs: 20, maxAttempts: 2 });
    sender.start();
    await expect.poll(() => statuses(db, 'd'), { timeout: 10_000 }).toEqual(['sent']);
    // e1 fails twice (the limit) and is marked failed; e2 still goes out after it, in order.
    await expect.poll(() => statuses(db, 'e'), { timeout: 10_000 }).toEqual(['failed', 'sent']);
    await sender.stop();
    expect(channel.attempts.filter((a) => a.chatId === 'd')).toHaveLength(2);
    const failed = await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'e', status: 'failed' } });
    expect(failed.lastError).toBe('ECONNRESET');
  });

  it.skipIf(backend.skipReason)('marks the chat blocked on 403 and stops sending to it', async () => {
    const channel = new RecordingChannel();
    await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: 'f', machineId: 'x', machineVersion: 1 } });
    channel.script('f', { status: 'blocked', reason: 'Forbidden: bot was blocked by the user' });
    await enqueue(db, 'f', ['f1', 'f2', 'f3']);
    await enqueue(db, 'g', ['g1']);
    const sender = senderFor(db, channel);
    sender.start();
    await expect.poll(() => statuses(db, 'f'), { timeout: 10_000 }).toEqual(['blocked', 'blocked', 'blocked']);
    await expect.poll(() => statuses(db, 'g'), { timeout: 10_000 }).toEqual(['sent']);
    await sender.stop();
    expect(channel.textsTo('f')).toEqual([]);
    expect(channel.attempts.filter((a) => a.chatId === 'f')).toHaveLength(1);
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { chatId: 'f' } });
    expect(conversation.blockedAt).not.toBeNull();
  });

  it.skipIf(backend.skipReason)('paces one chat at the per-chat rate', async () => {
    const channel = new RecordingChannel();
    await enqueue(db, 'h', ['h1', 'h2', 'h3']);
    const sender = senderFor(db, channel, { perChatPerSecond: 4, perChatBurst: 1, globalPerSecond: 1_000 });
    sender.start();
    await expect.poll(() => statuses(db, 'h'), { timeout: 10_000 }).toEqual(['sent', 'sent', 'sent']);
    await sender.stop();
    const times = channel.sent.map((entry) => entry.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(200);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(200);
  });

  it.skipIf(backend.skipReason)('after a restart sends what is left, nothing twice', async () => {
    const channel = new RecordingChannel();
    await enqueue(db, 'i', Array.from({ length: 20 }, (_, i) => `i${i}`));
    const first = senderFor(db, channel, { perChatPerSecond: 20, perChatBurst: 1, globalPerSecond: 1_000 });
    first.start();
    await expect.poll(() => channel.sent.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await first.stop();
    const sentBeforeRestart = channel.sent.length;
    expect(sentBeforeRestart).toBeLessThan(20);

    const second = senderFor(db, channel);
    second.start();
    await expect.poll(() => channel.sent.length, { timeout: 10_000 }).toBe(20);
    await second.stop();
    expect(channel.textsTo('i')).toEqual(Array.from({ length: 20 }, (_, i) => `i${i}`));
    expect(await statuses(db, 'i')).toEqual(Array.from({ length: 20 }, () => 'sent'));
  });

  it.skipIf(backend.skipReason)('resends a message whose sender died mid-send once its claim expired', async () => {
    const channel = new RecordingChannel();
    await db.prisma.outboundMessage.create({
      data: { channel: 'telegram', chatId: 'j', payload: { kind: 'text', text: 'j1' }, status: 'sending', leaseUntil: new Date(Date.now() - 1_000) },
    });
    const sender = senderFor(db, channel);
    sender.start();
    await expect.poll(() => statuses(db, 'j'), { timeout: 10_000 }).toEqual(['sent']);
    await sender.stop();
    expect(channel.textsTo('j')).toEqual(['j1']);
  });

  it.skipIf(backend.skipReason || backend.kind !== 'postgres')('lets one of two processes send, each message once', async () => {
    const channel = new RecordingChannel();
    const other = await db.openAnother();
    await enqueue(db, 'k', Array.from({ length: 30 }, (_, i) => `k${i}`));
    const senders = [senderFor(db, channel), senderFor(other, channel)];
    senders.forEach((sender) => sender.start());
    await expect.poll(() => channel.sent.length, { timeout: 10_000 }).toBe(30);
    expect(senders.filter((sender) => sender.isLeader)).toHaveLength(1);
    await Promise.all(senders.map((sender) => sender.stop()));
    expect(channel.textsTo('k')).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`));
  });

  it.skipIf(backend.skipReason || backend.kind !== 'postgres')('sends each channel from the process that has it', async () => {
    const other = await db.openAnother();
    const telegramHere = new RecordingChannel('telegram');
    const telegramThere = new RecordingChannel('telegram');
    const whatsappThere = new RecordingChannel('whatsapp');
    await enqueue(db, 'm', ['m1']);
    await db.prisma.outboundMessage.create({ data: { channel: 'whatsapp', chatId: 'w', payload: { kind: 'text', text: 'w1' } } });
    // This process starts first and leads Telegram; only the other one has a WhatsApp socket.
    const here = senderFor(db, telegramHere);
    here.start();
    await expect.poll(() => telegramHere.sent.length, { timeout: 10_000 }).toBe(1);
    const there = new OutboxSender({ db: other, channels: [telegramThere, whatsappThere], rateLimits: () => generous, logger, pollIntervalMs: 20, leaseTtlMs: 3_000 });
    there.start();
    await expect.poll(() => whatsappThere.textsTo('w'), { timeout: 10_000 }).toEqual(['w1']);
    await Promise.all([here.stop(), there.stop()]);
    expect(telegramThere.sent).toHaveLength(0);
  });
});
