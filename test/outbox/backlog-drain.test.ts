import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import type { RateLimitSettings } from '../../src/outbox/rate-limits.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { warpClock } from '../support/warp-clock.js';

const logger = pino({ level: 'silent' });
/** The OUTBOX_* defaults. */
const defaults: RateLimitSettings = { perChatPerSecond: 1, perChatBurst: 3, globalPerSecond: 30 };
/** The sender's time runs this much faster than the wall clock. */
const WARP = 4;

// Issue 6.2: under the default limits a burst of 300 chats got 123 replies, then nothing: the
// global bucket was charged for messages that were then put back, so its debt only grew.
describe.each(backends)('a backlog under the default limits on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (!backend.skipReason) db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('drains at the configured global rate, never faster, and does not stall', async () => {
    const chats = 300;
    await db.prisma.outboundMessage.createMany({
      data: Array.from({ length: chats * 2 }, (_, i) => ({
        channel: 'telegram',
        chatId: `chat-${i % chats}`,
        payload: { kind: 'text', text: `m${i}` },
      })),
    });
    const channel = new RecordingChannel();
    const clock = warpClock(WARP);
    const sendTimes: number[] = [];
    const send = channel.send.bind(channel);
    channel.send = async (chatId, content) => {
      sendTimes.push(clock.now());
      return send(chatId, content);
    };
    const sender = new OutboxSender({ db, channels: [channel], rateLimits: () => defaults, logger, clock });
    const started = clock.now();
    sender.start();
    // 600 messages at 30/s is 20 s of the sender's time; a stall never gets there.
    await expect.poll(() => channel.sent.length, { timeout: (90_000 / WARP), interval: 200 }).toBe(chats * 2);
    await sender.stop();

    const seconds = (Math.max(...sendTimes) - started) / 1000;
    const rate = channel.sent.length / seconds;
    console.log(`backlog of ${chats * 2}: drained in ${seconds.toFixed(1)} s of sender time, ${rate.toFixed(1)} messages/s (limit 30/s)`);
    // Never faster than the limit allows: a burst of 30, then 30 per second.
    expect(seconds).toBeGreaterThanOrEqual((chats * 2 - 30) / 30 - 0.5);
    // And close to it: a backlog must drain at the configured rate.
    expect(rate).toBeGreaterThan(30 * 0.5);
    for (let chat = 0; chat < chats; chat += 1) {
      expect(channel.textsTo(`chat-${chat}`)).toEqual([`m${chat}`, `m${chat + chats}`]);
    }
    const pending = await db.prisma.outboundMessage.count({ where: { status: { not: 'sent' } } });
    expect(pending).toBe(0);
  });
});
