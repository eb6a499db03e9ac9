import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { parseReminderOffsets, reminderTimes } from '../../src/mentoring/reminder-offsets.js';
import { instantOfLocal as instantOf } from '../../src/domain/local-time.js';

describe('session reminder offsets', () => {
  it('parses SESSION_REMINDERS and refuses anything else, naming the part', () => {
    expect(parseReminderOffsets('1d@09:00, 2h,30m')).toEqual([
      { kind: 'days-before-at', days: 1, time: '09:00' },
      { kind: 'before', minutes: 120 },
      { kind: 'before', minutes: 30 },
    ]);
    expect(() => parseReminderOffsets('1d@25:00')).toThrow(/1d@25:00/);
    expect(loadConfig({}).SESSION_REMINDERS).toHaveLength(2);
    expect(() => loadConfig({ SESSION_REMINDERS: 'tomorrow' })).toThrow(/SESSION_REMINDERS/);
  });

  it('reads the wall clock in the session\'s own zone (WIB, WITA, WIT)', () => {
    expect(instantOf('2026-12-01T10:00', 'Asia/Jakarta')?.toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(instantOf('2026-12-01T10:00', 'Asia/Makassar')?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(instantOf('2026-12-01T10:00', 'Asia/Jayapura')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(instantOf('2026-02-29T10:00', 'Asia/Jakarta')).toBeNull();
  });

  it('puts "the day before at 09:00" at 09:00 local in each zone, across a month end', () => {
    const offsets = parseReminderOffsets('1d@09:00,2h');
    const start = instantOf('2026-12-01T08:00', 'Asia/Jayapura')!;
    const times = reminderTimes(start, 'Asia/Jayapura', offsets, new Date('2026-11-01T00:00:00Z'));
    expect(times.map((time) => time.toISOString())).toEqual(['2026-11-30T00:00:00.000Z', '2026-11-30T21:00:00.000Z']);
  });

  it('skips reminders already past when the session is planned late, and never plans one after the start', () => {
    const start = instantOf('2026-12-01T10:00', 'Asia/Jakarta')!;
    const offsets = parseReminderOffsets('1d@09:00,2h,1d@23:59');
    // Planned the same morning at 07:00 WIB: only the 2-hours-before reminder is still ahead.
    expect(reminderTimes(start, 'Asia/Jakarta', offsets, new Date('2026-12-01T00:00:00Z')).map((t) => t.toISOString())).toEqual(['2026-12-01T01:00:00.000Z']);
    expect(reminderTimes(start, 'Asia/Jakarta', parseReminderOffsets('0d@11:00'), new Date('2026-11-01T00:00:00Z'))).toEqual([]);
  });
});
