import { localParts, type IndonesianTimeZone } from '../domain/local-time.js';

/** A report month, "YYYY-MM". Stored as the first day of the month (`period` DATE column). */
export type ReportPeriod = `${number}-${number}`;

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isReportPeriod(value: string): value is ReportPeriod {
  return PERIOD_PATTERN.test(value);
}

/** The DATE value stored for a period: midnight UTC on its first day. */
export function periodToDate(period: ReportPeriod): Date {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new Error('invalid report period');
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** The period of a stored DATE value. */
export function dateToPeriod(date: Date): ReportPeriod {
  return date.toISOString().slice(0, 7) as ReportPeriod;
}

/** The month before `period`. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const date = periodToDate(period);
  return dateToPeriod(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)));
}

/** The month an instant falls in, in `zone`. */
export function periodOf(instant: Date, zone: IndonesianTimeZone): ReportPeriod {
  const { year, month } = localParts(instant, zone);
  return `${year}-${String(month).padStart(2, '0')}` as ReportPeriod;
}

/**
 * The periods a KPM may report for at `instant`: always the current month; the previous month
 * too while the day of the month is at most `lateUntilDay` (0 turns late reports off).
 * Current month first.
 */
export function reportablePeriods(instant: Date, zone: IndonesianTimeZone, lateUntilDay: number): ReportPeriod[] {
  const current = periodOf(instant, zone);
  const { day } = localParts(instant, zone);
  return day <= lateUntilDay ? [current, previousPeriod(current)] : [current];
}
