import type { Clock } from '../../src/outbox/clock.js';
import { abortableDelay } from '../../src/outbox/clock.js';

/**
 * A clock that runs `factor` times faster than the wall clock: rate limits, backoff and pacing
 * work as written while a test that covers a minute of their time takes seconds.
 */
export function warpClock(factor: number): Clock & { elapsed(): number } {
  const origin = Date.now();
  const now = () => origin + (Date.now() - origin) * factor;
  return {
    now,
    sleep: (ms, signal) => abortableDelay(ms / factor, signal),
    elapsed: () => now() - origin,
  };
}
