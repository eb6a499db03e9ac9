import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundContent, SendResult } from '../../src/channels/channel-port.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { addKpm, shiftedClock } from './fixtures.js';

const logger = pino({ level: 'silent' });
const generous = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 };

/** A channel whose first send waits until the test lets it finish. */
class GatedChannel extends RecordingChannel {
  /** What the held send answers once let go (default: sent). */
  heldResult: SendResult | undefined;
  private release: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  calls = 0;
  override async send(chatId: string, content: OutboundContent): Promise<SendResult> {
    this.calls += 1;
    if (this.calls === 1) {
      await this.gate;
      if (this.heldResult) return this.heldResult;
    }
    return super.send(chatId, content);
  }
  open(): void {
    this.release?.();
  }
}

/**
 * Issue 9: "opt-out arriving while a broadcast is queued: nothing more reaches that person",
 * at the hardest moment: the sender has already claimed the person's next message and is busy
 * sending the one before it. The opt-out marks the claimed message too, and the sending fence
 * (a message is marked in flight only while still claimed) refuses it.
 */
describe.each(backends)('an opt-out while the sender holds the next message, on $kind', (backend) => {
  let db: TestDatabase;
  let proactive: Proactive;
  // 10:00 WIB, running in real time: the sender's send timeout keeps its length while a send is held.
  const clock = shiftedClock('2026-12-01T03:00:00Z');
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    proactive = createProactive({ db, translate: createTranslator(), clock });
    await addKpm(db, {}); // ids of KPM and chats differ from each other
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('the claimed message is not sent, and is counted as opted out', async () => {
    const person = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'p' }] });
    const ids: number[] = [];
    for (const text of ['Satu', 'Dua']) {
      const broadcast = await proactive.createBroadcast({ requestKey: text, createdById: null, target: { recipientIds: [person.id] }, message: { kind: 'text', text } }, 'all');
      await proactive.confirmBroadcast(broadcast.id, 'all');
      ids.push(broadcast.id);
    }
    const telegram = new GatedChannel('telegram');
    const sender = new OutboxSender({ db, channels: [telegram], rateLimits: () => generous, logger, pollIntervalMs: 20, clock });
    sender.start();
    try {
      // "Satu" is on its way; "Dua" is claimed behind it.
      await expect.poll(() => telegram.calls, { timeout: 10_000 }).toBe(1);
      const dua = async () => db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'p', payload: { path: ['text'], equals: 'Dua' } } });
      expect((await dua()).status).toBe('claimed');

      expect(await proactive.setOptOut({ channel: 'telegram', chatId: 'p' }, true)).toEqual({ changed: true });
      telegram.open();
      await expect.poll(async () => (await proactive.progress(ids[0]!)).sent, { timeout: 10_000 }).toBe(1);
      await expect.poll(async () => (await proactive.progress(ids[1]!)).skipped['opted-out'], { timeout: 10_000 }).toBe(1);
      // Give the sender every chance to send it anyway.
      sender.wake();
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await sender.stop();
    }
    expect(telegram.textsTo('p')).toEqual(['Satu']);
    expect(telegram.calls).toBe(1);
    expect((await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'p', payload: { path: ['text'], equals: 'Dua' } } })).status).toBe('skipped');
  });
  it.skipIf(backend.skipReason)('a message in flight at the opt-out whose send must be retried is not sent again', async () => {
    const person = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'p' }] });
    const broadcast = await proactive.createBroadcast({ requestKey: 'one', createdById: null, target: { recipientIds: [person.id] }, message: { kind: 'text', text: 'Satu' } }, 'all');
    await proactive.confirmBroadcast(broadcast.id, 'all');
    const telegram = new GatedChannel('telegram');
    // The platform call fails after all (a network error): normally tried again after a backoff.
    telegram.heldResult = { status: 'transient-error', reason: 'socket hang up' };
    const sender = new OutboxSender({ db, channels: [telegram], rateLimits: () => generous, logger, pollIntervalMs: 20, clock });
    sender.start();
    try {
      await expect.poll(() => telegram.calls, { timeout: 10_000 }).toBe(1);
      expect(await proactive.setOptOut({ channel: 'telegram', chatId: 'p' }, true)).toEqual({ changed: true });
      telegram.open();
      // Past the first backoff (at most 1 s): the retry would have gone by now.
      await expect.poll(async () => (await proactive.progress(broadcast.id)).skipped['opted-out'], { timeout: 10_000 }).toBe(1);
    } finally {
      await sender.stop();
    }
    expect(telegram.calls).toBe(1);
    expect(telegram.sent).toEqual([]);
    expect(await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'p' } })).toMatchObject({ status: 'skipped', lastError: 'opted-out' });
  });
});
