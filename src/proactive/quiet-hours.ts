import { indonesianZoneOr, startOfLocalDay, localParts } from '../domain/local-time.js';

/**
 * Quiet hours in a KPM's own local time: minutes after local midnight. `start > end` spans
 * midnight (the default 21:00–07:00); `start === end` means none. A proactive message due in
 * quiet hours waits for their end; it is never dropped.
 */
export interface QuietHours {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21 * 60, end: 7 * 60 };

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new Error(`not a time of day (HH:MM): ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** When quiet hours covering `instant` end, or null when `instant` is not in them. */
export function quietUntil(instant: Date, zone: string, quiet: QuietHours): Date | null {
  if (quiet.start === quiet.end) return null;
  // `zone` is stored (proactive_send.time_zone); only the three Indonesian zones are written there.
  const local = indonesianZoneOr(zone);
  const minute = localParts(instant, local).minuteOfDay;
  const dayStart = startOfLocalDay(instant, local).getTime();
  const inQuiet = quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
  if (!inQuiet) return null;
  const endDay = minute >= quiet.end ? dayStart + 86_400_000 : dayStart;
  return new Date(endDay + quiet.end * 60_000);
}

/** The earliest moment at or after `instant` outside quiet hours. */
export function nextSendableAt(instant: Date, zone: string, quiet: QuietHours): Date {
  return quietUntil(instant, zone, quiet) ?? instant;
}
