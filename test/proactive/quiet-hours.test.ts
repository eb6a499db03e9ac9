import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HOURS, nextSendableAt, quietUntil } from '../../src/proactive/quiet-hours.js';

describe('quiet hours in the KPM\'s own time', () => {
  // 14:30 UTC = 21:30 WIB = 22:30 WITA = 23:30 WIT.
  const evening = new Date('2026-12-01T14:30:00Z');

  it('holds a message due at night until 07:00 local, in each of the three zones', () => {
    expect(quietUntil(evening, 'Asia/Jakarta', DEFAULT_QUIET_HOURS)?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(quietUntil(evening, 'Asia/Makassar', DEFAULT_QUIET_HOURS)?.toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(quietUntil(evening, 'Asia/Jayapura', DEFAULT_QUIET_HOURS)?.toISOString()).toBe('2026-12-01T22:00:00.000Z');
  });

  it('the same instant is quiet in one zone and not in another', () => {
    // 13:30 UTC = 20:30 WIB (not quiet), 21:30 WITA (quiet).
    const at = new Date('2026-12-01T13:30:00Z');
    expect(quietUntil(at, 'Asia/Jakarta', DEFAULT_QUIET_HOURS)).toBeNull();
    expect(quietUntil(at, 'Asia/Makassar', DEFAULT_QUIET_HOURS)?.toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });

  it('after midnight waits for the same morning; 07:00 sharp is no longer quiet', () => {
    // 03:00 WIB = 20:00 UTC the day before.
    expect(quietUntil(new Date('2026-12-01T20:00:00Z'), 'Asia/Jakarta', DEFAULT_QUIET_HOURS)?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(quietUntil(new Date('2026-12-02T00:00:00Z'), 'Asia/Jakarta', DEFAULT_QUIET_HOURS)).toBeNull();
    expect(nextSendableAt(new Date('2026-12-02T03:00:00Z'), 'Asia/Jakarta', DEFAULT_QUIET_HOURS).toISOString()).toBe('2026-12-02T03:00:00.000Z');
  });

  it('is configurable: a window within one day, or none at all', () => {
    const siesta = { start: 12 * 60, end: 13 * 60 };
    expect(quietUntil(new Date('2026-12-01T05:15:00Z'), 'Asia/Jakarta', siesta)?.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(quietUntil(evening, 'Asia/Jakarta', { start: 0, end: 0 })).toBeNull();
  });
});
