import { findProvince } from './regions/provinces.js';
import type { IndonesianTimeZone } from './regions/time-zone.js';

/**
 * Indonesian local time ↔ UTC, in one place. Indonesia has three zones and keeps no daylight
 * saving time, so each is a fixed offset: WIB (Asia/Jakarta) UTC+7, WITA (Asia/Makassar) UTC+8,
 * WIT (Asia/Jayapura) UTC+9. Conversions are plain arithmetic on those offsets (no Intl per
 * call: the proactive core converts once per recipient of a 100,000-KPM broadcast); a test
 * checks the table against the tz database. Cron recurrence is croner's job (src/proactive/recurrence.ts).
 *
 * Wall-clock values are written "YYYY-MM-DDTHH:MM" (local) or "YYYY-MM-DDTHH:MM+07:00"
 * (local with its offset, what replies show as "14.30 WIB").
 */
export type { IndonesianTimeZone };

export const INDONESIAN_ZONES: readonly IndonesianTimeZone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

/** Banten's zone: the province this service runs for, used when nothing names another. */
export const DEFAULT_TIME_ZONE: IndonesianTimeZone = 'Asia/Jakarta';

const OFFSET_MINUTES: Record<IndonesianTimeZone, number> = { 'Asia/Jakarta': 7 * 60, 'Asia/Makassar': 8 * 60, 'Asia/Jayapura': 9 * 60 };
const OFFSET_TEXT: Record<IndonesianTimeZone, string> = { 'Asia/Jakarta': '+07:00', 'Asia/Makassar': '+08:00', 'Asia/Jayapura': '+09:00' };

const MINUTE = 60_000;
const DAY = 86_400_000;

export function isIndonesianZone(zone: string): zone is IndonesianTimeZone {
  return Object.hasOwn(OFFSET_MINUTES, zone);
}

/** A stored zone name as one of the three; anything else (never written by this code) as the default. */
export function indonesianZoneOr(zone: string | null | undefined, fallback: IndonesianTimeZone = DEFAULT_TIME_ZONE): IndonesianTimeZone {
  return zone && isIndonesianZone(zone) ? zone : fallback;
}

/** The zone's offset from UTC in minutes (+420 for WIB). */
export function utcOffsetMinutes(zone: IndonesianTimeZone): number {
  return OFFSET_MINUTES[zone];
}

/** The zone of a province by its code (the NIK's first two digits); the default when unknown. */
export function timeZoneOfProvince(code: string | null | undefined): IndonesianTimeZone {
  return (code ? findProvince(code)?.timeZone : undefined) ?? DEFAULT_TIME_ZONE;
}

/** The zone a NIK's province keeps (its first two digits); the default when unknown. */
export function timeZoneOfNik(nik: string | null | undefined): IndonesianTimeZone {
  return timeZoneOfProvince(nik ? nik.slice(0, 2) : null);
}

/** A wall-clock reading: month 1–12, weekday 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
  /** Minutes after local midnight. */
  minuteOfDay: number;
}

/** The wall-clock reading of an instant in `zone` (seconds dropped). */
export function localParts(instant: Date, zone: IndonesianTimeZone): LocalParts {
  const shifted = new Date(instant.getTime() + OFFSET_MINUTES[zone] * MINUTE);
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour,
    minute,
    weekday: shifted.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
  };
}

/** 'YYYY-MM-DD': the calendar date of an instant in `zone`. */
export function localIsoDate(instant: Date, zone: IndonesianTimeZone): string {
  return new Date(instant.getTime() + OFFSET_MINUTES[zone] * MINUTE).toISOString().slice(0, 10);
}

/** The instant at local midnight starting the day `instant` falls on in `zone`. */
export function startOfLocalDay(instant: Date, zone: IndonesianTimeZone): Date {
  const offset = OFFSET_MINUTES[zone] * MINUTE;
  return new Date(Math.floor((instant.getTime() + offset) / DAY) * DAY - offset);
}

/**
 * The instant a wall-clock time names in `zone`. Fields overflow like Date.UTC's (day 32 is the
 * next month's first, hour 24 the next day): callers that need a real date validate first
 * (see `instantOfLocal`).
 */
export function zonedInstant(zone: IndonesianTimeZone, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MINUTES[zone] * MINUTE);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a typed wall-clock time ("2026-12-01T14:30") names in `zone`, or null when it is
 * not a real date and time (31 November, 24:00, a malformed string).
 */
export function instantOfLocal(local: string, zone: IndonesianTimeZone): Date | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return zonedInstant(zone, year, month, day, hour, minute);
}

/**
 * An instant as wall-clock time in `zone` with its offset, rounded up to the minute (so "try
 * again at 14.31" is never a moment too early): "2026-11-27T14:31+07:00".
 */
export function toLocalTime(instant: Date, zone: IndonesianTimeZone): string {
  const roundedUp = Math.ceil(instant.getTime() / MINUTE) * MINUTE;
  return `${new Date(roundedUp + OFFSET_MINUTES[zone] * MINUTE).toISOString().slice(0, 16)}${OFFSET_TEXT[zone]}`;
}

/** The wall-clock date and time ("2026-12-01", "14:30") of an instant in `zone`, seconds dropped. */
export function localDateAndTime(instant: Date, zone: IndonesianTimeZone): { date: string; time: string } {
  const text = new Date(instant.getTime() + OFFSET_MINUTES[zone] * MINUTE).toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}
