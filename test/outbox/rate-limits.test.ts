import { describe, expect, it } from 'vitest';
import { ChannelRateLimits } from '../../src/outbox/rate-limits.js';
import { TokenBucket } from '../../src/outbox/token-bucket.js';

function steppedClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token bucket', () => {
  it('looking costs nothing; taking reserves', () => {
    const clock = steppedClock();
    const bucket = new TokenBucket(10, 1, clock.now);
    expect(bucket.waitMs()).toBe(0);
    expect(bucket.waitMs()).toBe(0);
    expect(bucket.take()).toBe(0);
    expect(bucket.waitMs()).toBe(100);
    expect(bucket.take()).toBe(100);
    clock.advance(100);
    expect(bucket.waitMs()).toBe(100);
  });

  it('counts what may go within a window', () => {
    const clock = steppedClock();
    const bucket = new TokenBucket(30, 30, clock.now);
    expect(bucket.available(2_000)).toBe(90);
    for (let i = 0; i < 100; i += 1) bucket.take();
    expect(bucket.available(2_000)).toBe(0);
    clock.advance(3_000);
    expect(bucket.available(0)).toBe(20);
  });
});

describe('channel rate limits under a backlog', () => {
  it('messages that are only looked at leave no debt: the channel keeps its configured rate', () => {
    const clock = steppedClock();
    const limits = new ChannelRateLimits({ perChatPerSecond: 1, perChatBurst: 3, globalPerSecond: 30 }, clock.now);
    // 2,000 chats wait; each tick of 100 ms, every chat is looked at and the ones whose turn it is are sent.
    let sent = 0;
    for (let tick = 0; tick < 600; tick += 1) {
      const room = limits.globalAvailable(0);
      for (let chat = 0; chat < 2_000 && sent < 1_000_000; chat += 1) {
        if (limits.waitMs(`c${chat}`) > 0) continue;
        if (room <= 0) break;
        limits.take(`c${chat}`);
        sent += 1;
        if (limits.globalAvailable(0) === 0) break;
      }
      clock.advance(100);
    }
    // 60 s at 30/s plus the initial burst of 30.
    expect(sent).toBeGreaterThanOrEqual(60 * 30);
    expect(sent).toBeLessThanOrEqual(60 * 30 + 30);
  });
});
