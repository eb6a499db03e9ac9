import type { LocalTime } from '../../flows/kpm-assistant/contract.js';
import { findProvince } from '../domain/regions/provinces.js';
import type { IndonesianTimeZone } from '../domain/regions/time-zone.js';

/** Banten's zone: the province this service runs for, used when a chat names no NIK. */
export const DEFAULT_TIME_ZONE: IndonesianTimeZone = 'Asia/Jakarta';

/** The zone a NIK's province keeps (its first two digits); the default when unknown. */
export function timeZoneOfNik(nik: string | null | undefined): IndonesianTimeZone {
  return (nik ? findProvince(nik.slice(0, 2))?.timeZone : undefined) ?? DEFAULT_TIME_ZONE;
}

const formats = new Map<IndonesianTimeZone, Intl.DateTimeFormat>();
function formatIn(zone: IndonesianTimeZone): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    });
    formats.set(zone, format);
  }
  return format;
}

/**
 * An instant as wall-clock time in `zone`, rounded up to the minute (so "try again at 14.31"
 * is never a moment too early): "2026-11-27T14:31+07:00".
 */
export function toLocalTime(instant: Date, zone: IndonesianTimeZone): LocalTime {
  const roundedUp = new Date(Math.ceil(instant.getTime() / 60_000) * 60_000);
  const parts = Object.fromEntries(formatIn(zone).formatToParts(roundedUp).map((part) => [part.type, part.value]));
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(parts.timeZoneName ?? '')?.[1] ?? '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
}
