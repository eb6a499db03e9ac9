import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_REMINDER_SCHEDULE as schedule, dueReminderRound, reportReminderScheduleSchema } from '../../src/report-reminders/reminder-schedule.js';

// WIB is UTC+7: 09:00 WIB on the 5th is 02:00 UTC.
const at = (iso: string) => new Date(iso);

describe('dueReminderRound (day 5, 09:00 WIB, again after 3 and 7 days)', () => {
  it('has nothing due before the first round', () => {
    expect(dueReminderRound(at('2026-11-04T16:59:00Z'), schedule)).toBeNull(); // 4 Nov 23:59 WIB
    expect(dueReminderRound(at('2026-11-05T01:59:00Z'), schedule)).toBeNull(); // 5 Nov 08:59 WIB
  });

  it('is round 1 from 09:00 WIB on the 5th, at that moment', () => {
    expect(dueReminderRound(at('2026-11-05T02:00:00Z'), schedule)).toEqual({ period: '2026-11', round: 1, at: at('2026-11-05T02:00:00Z') });
    expect(dueReminderRound(at('2026-11-07T12:00:00Z'), schedule)?.round).toBe(1);
  });

  it('moves to round 2 on the 8th and round 3 on the 12th, and stays there to the month end', () => {
    expect(dueReminderRound(at('2026-11-08T02:00:00Z'), schedule)).toMatchObject({ round: 2, at: at('2026-11-08T02:00:00Z') });
    expect(dueReminderRound(at('2026-11-12T01:59:00Z'), schedule)?.round).toBe(2);
    expect(dueReminderRound(at('2026-11-12T02:00:00Z'), schedule)?.round).toBe(3);
    expect(dueReminderRound(at('2026-11-30T16:00:00Z'), schedule)).toMatchObject({ period: '2026-11', round: 3 });
  });

  it('reads the month in the schedule zone: 31 Dec 20:00 UTC is already January in WIB, before its first round', () => {
    expect(dueReminderRound(at('2026-12-31T20:00:00Z'), schedule)).toBeNull();
    expect(dueReminderRound(at('2027-01-05T02:00:00Z'), schedule)).toMatchObject({ period: '2027-01', round: 1 });
  });

  it('follows another zone and configuration', () => {
    const wit = { day: 1, hour: 8, againAfterDays: [3], timeZone: 'Asia/Jayapura' as const };
    expect(dueReminderRound(at('2026-11-30T23:00:00Z'), wit)).toMatchObject({ period: '2026-12', round: 1, at: at('2026-11-30T23:00:00Z') });
    expect(dueReminderRound(at('2026-12-03T23:00:00Z'), wit)?.round).toBe(2);
  });

  it('refuses a schedule whose rounds fall past the 28th or go backwards', () => {
    expect(reportReminderScheduleSchema.safeParse(schedule).success).toBe(true);
    expect(reportReminderScheduleSchema.safeParse({ ...schedule, day: 25 }).success).toBe(false);
    expect(reportReminderScheduleSchema.safeParse({ ...schedule, againAfterDays: [7, 3] }).success).toBe(false);
    expect(reportReminderScheduleSchema.safeParse({ ...schedule, day: 0 }).success).toBe(false);
  });
});
