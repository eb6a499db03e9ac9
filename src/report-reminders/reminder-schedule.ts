import { z } from 'zod';
import { INDONESIAN_ZONES, localParts, zonedInstant, type IndonesianTimeZone } from '../domain/local-time.js';
import type { ReportMonth } from '../graduation/report-month.js';

/**
 * When "saatnya lapor" goes out: on `day` of every month at `hour` (local time of the province,
 * WIB for Banten), then again after each of `againAfterDays` to those still missing.
 * Validated once at start: a day late enough that a round would fall past the 28th is refused.
 */
export interface ReportReminderSchedule {
  day: number;
  hour: number;
  againAfterDays: number[];
  timeZone: IndonesianTimeZone;
}

export const reportReminderScheduleSchema = z
  .object({
    day: z.number().int().min(1).max(28),
    hour: z.number().int().min(0).max(23),
    againAfterDays: z.array(z.number().int().min(1).max(27)).max(4),
    timeZone: z.enum(INDONESIAN_ZONES as [IndonesianTimeZone, ...IndonesianTimeZone[]]),
  })
  .refine((s) => s.againAfterDays.every((days, i) => days > (s.againAfterDays[i - 1] ?? 0) && s.day + days <= 28), {
    message: 'reminder rounds must be increasing and fall on or before the 28th',
  });

/** Day 5 at 09:00 WIB, again after 3 and 7 days (the 8th and the 12th). */
export const DEFAULT_REPORT_REMINDER_SCHEDULE: ReportReminderSchedule = { day: 5, hour: 9, againAfterDays: [3, 7], timeZone: 'Asia/Jakarta' };

export interface DueRound {
  period: ReportMonth;
  /** 1 for the first reminder, 2 and 3 for the follow-ups. */
  round: number;
  /** The round's own moment (day and hour in the schedule's zone), as an instant. */
  at: Date;
}

/**
 * The latest reminder round that has come by `now` this month, or null before the first. A
 * round missed while the service was down is still due until the next one comes; then only the
 * next one goes (nobody gets two reminders at once). Sending each round once per KPM is the
 * proactive core's job (one send per source, occurrence and KPM).
 */
export function dueReminderRound(now: Date, schedule: ReportReminderSchedule): DueRound | null {
  const local = localParts(now, schedule.timeZone);
  const period = `${local.year}-${String(local.month).padStart(2, '0')}`;
  const days = [schedule.day, ...schedule.againAfterDays.map((after) => schedule.day + after)];
  let due: DueRound | null = null;
  days.forEach((day, index) => {
    if (local.day > day || (local.day === day && local.hour >= schedule.hour)) {
      due = { period, round: index + 1, at: zonedInstant(schedule.timeZone, local.year, local.month, day, schedule.hour) };
    }
  });
  return due;
}
