import { DEFAULT_TIME_ZONE, localIsoDate } from '../domain/local-time.js';

/** A report period: a calendar month as "YYYY-MM". */
export type ReportMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isReportMonth(value: string): value is ReportMonth {
  return MONTH.test(value);
}

export function monthYear(month: ReportMonth): number {
  return Number(month.slice(0, 4));
}

/** The month before: "2026-01" → "2025-12". */
export function previousMonth(month: ReportMonth): ReportMonth {
  const year = monthYear(month);
  const index = Number(month.slice(5, 7));
  return index === 1 ? `${year - 1}-12` : `${year}-${String(index - 1).padStart(2, '0')}`;
}

/** The month `date` falls in, in WIB (UTC+7), Banten's time. */
export function monthOf(date: Date): ReportMonth {
  return localIsoDate(date, DEFAULT_TIME_ZONE).slice(0, 7);
}

/** The months from `first` to `last` inclusive, oldest first (empty when first > last). */
export function monthsBetween(first: ReportMonth, last: ReportMonth): ReportMonth[] {
  const months: ReportMonth[] = [];
  for (let month = last; month >= first; month = previousMonth(month)) months.unshift(month);
  return months;
}
