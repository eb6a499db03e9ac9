import { describe, expect, it } from 'vitest';
import {
  INDONESIAN_ZONES,
  indonesianZoneOr,
  instantOfLocal,
  localDateAndTime,
  localIsoDate,
  localParts,
  startOfLocalDay,
  timeZoneOfNik,
  timeZoneOfProvince,
  toLocalTime,
  utcOffsetMinutes,
  zonedInstant,
} from '../../src/domain/local-time.js';

describe('local time in WIB, WITA and WIT', () => {
  it('keeps the offsets the tz database gives, all year (no daylight saving)', () => {
    for (const zone of INDONESIAN_ZONES) {
      for (const month of [0, 3, 6, 9]) {
        const instant = new Date(Date.UTC(2026, month, 15, 12));
        const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
          .formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
        const [, hours, minutes] = /GMT\+(\d{2}):(\d{2})/.exec(name ?? '') ?? [];
        expect(utcOffsetMinutes(zone)).toBe(Number(hours) * 60 + Number(minutes));
      }
    }
  });

  it('gives wall-clock time in the zone with its offset, rounded up to the minute', () => {
    const instant = new Date('2026-11-27T23:30:10Z');
    expect(toLocalTime(instant, 'Asia/Jakarta')).toBe('2026-11-28T06:31+07:00');
    expect(toLocalTime(instant, 'Asia/Makassar')).toBe('2026-11-28T07:31+08:00');
    expect(toLocalTime(instant, 'Asia/Jayapura')).toBe('2026-11-28T08:31+09:00');
    expect(toLocalTime(new Date('2026-11-27T23:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-28T06:30+07:00');
  });

  it('reads an instant as the date and hour of each zone, across midnight and the year end', () => {
    // 31 December 16:30 UTC: still New Year's Eve in WIB, already 1 January in WITA and WIT.
    const instant = new Date('2026-12-31T16:30:59Z');
    expect(localParts(instant, 'Asia/Jakarta')).toEqual({ year: 2026, month: 12, day: 31, hour: 23, minute: 30, weekday: 4, minuteOfDay: 23 * 60 + 30 });
    expect(localParts(instant, 'Asia/Makassar')).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, weekday: 5 });
    expect(localIsoDate(instant, 'Asia/Jayapura')).toBe('2027-01-01');
    expect(localDateAndTime(instant, 'Asia/Jakarta')).toEqual({ date: '2026-12-31', time: '23:30' });
  });

  it('turns a typed wall-clock time into its instant, and refuses dates that do not exist', () => {
    expect(instantOfLocal('2026-12-01T09:00', 'Asia/Jakarta')?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(instantOfLocal('2026-12-01T09:00', 'Asia/Makassar')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(instantOfLocal('2026-12-01T06:00', 'Asia/Jayapura')?.toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(instantOfLocal('2026-11-31T09:00', 'Asia/Jakarta')).toBeNull();
    expect(instantOfLocal('2027-02-29T09:00', 'Asia/Jakarta')).toBeNull();
    expect(instantOfLocal('2028-02-29T09:00', 'Asia/Jakarta')).not.toBeNull();
    expect(instantOfLocal('2026-12-01T24:00', 'Asia/Jakarta')).toBeNull();
    expect(instantOfLocal('2026-12-01 09:00', 'Asia/Jakarta')).toBeNull();
  });

  it('round-trips: the instant of a wall-clock time reads back as that time', () => {
    for (const zone of INDONESIAN_ZONES) {
      const at = zonedInstant(zone, 2027, 3, 1, 0, 15);
      expect(localDateAndTime(at, zone)).toEqual({ date: '2027-03-01', time: '00:15' });
      expect(startOfLocalDay(at, zone).getTime()).toBe(zonedInstant(zone, 2027, 3, 1).getTime());
    }
    // Fields overflow like Date.UTC: the 32nd of January is the 1st of February.
    expect(zonedInstant('Asia/Jakarta', 2027, 1, 32, 9).toISOString()).toBe('2027-02-01T02:00:00.000Z');
  });

  it('takes the zone from the NIK\'s province, Banten\'s by default', () => {
    expect(timeZoneOfNik('3673035203789001')).toBe('Asia/Jakarta');
    expect(timeZoneOfNik('7371010101900001')).toBe('Asia/Makassar');
    expect(timeZoneOfNik('9471010101900001')).toBe('Asia/Jayapura');
    expect(timeZoneOfNik(null)).toBe('Asia/Jakarta');
    expect(timeZoneOfProvince('51')).toBe('Asia/Makassar');
    expect(timeZoneOfProvince('00')).toBe('Asia/Jakarta');
    expect(indonesianZoneOr('Asia/Jayapura')).toBe('Asia/Jayapura');
    expect(indonesianZoneOr('Europe/Paris')).toBe('Asia/Jakarta');
  });
});
