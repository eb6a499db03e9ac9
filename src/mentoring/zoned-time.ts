import type { IndonesianTimeZone } from '../domain/regions/time-zone.js';
import { toLocalTime } from '../kpm-effects/local-time.js';

export const INDONESIAN_ZONES: readonly IndonesianTimeZone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

export function isIndonesianZone(zone: string): zone is IndonesianTimeZone {
  return (INDONESIAN_ZONES as readonly string[]).includes(zone);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time ("2026-12-01T14:30") names in `zone`, or null when it is not a
 * real date and time. The zone's offset comes from Intl (no hours written here).
 */
export function instantOf(local: string, zone: IndonesianTimeZone): Date | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(guess);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(toLocalTime(new Date(guess), zone));
  if (!offset) return null;
  const sign = offset[1] === '-' ? -1 : 1;
  const offsetMs = sign * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000;
  return new Date(guess - offsetMs);
}

/** The wall-clock parts ("2026-12-01", "14:30") of an instant in `zone`. */
export function localParts(instant: Date, zone: IndonesianTimeZone): { date: string; time: string } {
  const local = toLocalTime(new Date(Math.floor(instant.getTime() / 60_000) * 60_000), zone);
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
