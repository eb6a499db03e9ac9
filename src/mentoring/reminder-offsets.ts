import { instantOfLocal, localDateAndTime, type IndonesianTimeZone } from '../domain/local-time.js';

/**
 * When reminders of a session go out, relative to its start: "the day before at 09:00 local
 * time" or "2 hours before". Written `1d@09:00,2h` (also `30m`) in SESSION_REMINDERS.
 */
export type ReminderOffset = { kind: 'days-before-at'; days: number; time: string } | { kind: 'before'; minutes: number };

export const DEFAULT_REMINDER_OFFSETS: readonly ReminderOffset[] = [
  { kind: 'days-before-at', days: 1, time: '09:00' },
  { kind: 'before', minutes: 120 },
];

/** Parses `1d@09:00,2h,30m`; throws with the bad part named. */
export function parseReminderOffsets(text: string): ReminderOffset[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const daysAt = /^(\d{1,2})d@([01]\d|2[0-3]):([0-5]\d)$/.exec(part);
      if (daysAt) return { kind: 'days-before-at', days: Number(daysAt[1]), time: `${daysAt[2]}:${daysAt[3]}` } as const;
      const before = /^(\d{1,4})(h|m)$/.exec(part);
      if (before) return { kind: 'before', minutes: Number(before[1]) * (before[2] === 'h' ? 60 : 1) } as const;
      throw new Error(`reminder offset "${part}" is not like 1d@09:00, 2h or 30m`);
    });
}

/** The reminder times of a session starting at `startsAt`: only those still ahead of `now` and before the start, in order. */
export function reminderTimes(startsAt: Date, zone: IndonesianTimeZone, offsets: readonly ReminderOffset[], now: Date): Date[] {
  const times = offsets.flatMap((offset) => {
    if (offset.kind === 'before') return [new Date(startsAt.getTime() - offset.minutes * 60_000)];
    const { date } = localDateAndTime(startsAt, zone);
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - offset.days);
    const at = instantOfLocal(`${day.toISOString().slice(0, 10)}T${offset.time}`, zone);
    return at ? [at] : [];
  });
  const unique = [...new Set(times.map((time) => time.getTime()))].filter((time) => time > now.getTime() && time < startsAt.getTime());
  return unique.sort((a, b) => a - b).map((time) => new Date(time));
}
