import { describe, expect, it } from 'vitest';
import { timeZoneOfNik, toLocalTime } from '../../src/kpm-effects/local-time.js';

describe('toLocalTime', () => {
  it('gives wall-clock time in the zone with its offset, rounded up to the minute', () => {
    const instant = new Date('2026-11-27T23:30:10Z');
    expect(toLocalTime(instant, 'Asia/Jakarta')).toBe('2026-11-28T06:31+07:00');
    expect(toLocalTime(instant, 'Asia/Makassar')).toBe('2026-11-28T07:31+08:00');
    expect(toLocalTime(instant, 'Asia/Jayapura')).toBe('2026-11-28T08:31+09:00');
    expect(toLocalTime(new Date('2026-11-27T23:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-28T06:30+07:00');
  });

  it('takes the zone from the NIK\'s province, Banten\'s by default', () => {
    expect(timeZoneOfNik('3673035203789001')).toBe('Asia/Jakarta');
    expect(timeZoneOfNik('7371010101900001')).toBe('Asia/Makassar');
    expect(timeZoneOfNik('9471010101900001')).toBe('Asia/Jayapura');
    expect(timeZoneOfNik(null)).toBe('Asia/Jakarta');
  });
});
