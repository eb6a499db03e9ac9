import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxBacklog } from '../../src/engine/outbox-backlog.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { warpClock } from '../support/warp-clock.js';

/** Its time runs 100 times faster: a one-minute hold is 0.6 s of the test's. */
const FAST = 100;

describe.each(backends)('the outbox backlog that holds webhook answers on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  const queue = (count: number, data: { status?: string; lane?: number } = {}) =>
    db.prisma.outboundMessage.createMany({ data: Array.from({ length: count }, (_, i) => ({ channel: 'telegram', chatId: `c${i}`, payload: { kind: 'text', text: 'x' }, ...data })) });

  it.skipIf(backend.skipReason)('lets an answer go at once while few replies wait, counting only unsent replies', async () => {
    await queue(3);
    await queue(50, { status: 'sent' });
    await queue(50, { lane: 1 });
    const clock = warpClock(FAST);
    await new OutboxBacklog(db, 100, clock).roomFor(3, 60_000);
    // Let go on the first look, long before the minute it may hold.
    expect(clock.elapsed()).toBeLessThan(30_000);
  });

  it.skipIf(backend.skipReason)('holds an answer while more replies wait than the limit, and lets it go once they are sent', async () => {
    await queue(5, { status: 'claimed' });
    let released = false;
    const clock = warpClock(FAST);
    const held = new OutboxBacklog(db, 100, clock).roomFor(3, 10 * 60_000).then(() => (released = true));
    // Several looks of its time later it still holds.
    await clock.sleep(2_000);
    expect(released).toBe(false);
    await db.prisma.outboundMessage.updateMany({ where: { chatId: { in: ['c0', 'c1'] } }, data: { status: 'sent' } });
    await held;
    expect(released).toBe(true);
  });

  it.skipIf(backend.skipReason)('never holds longer than it is told to', async () => {
    await queue(5);
    const clock = warpClock(FAST);
    await new OutboxBacklog(db, 100, clock).roomFor(1, 30_000);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(30_000);
    expect(clock.elapsed()).toBeLessThan(5 * 60_000);
  });
});
