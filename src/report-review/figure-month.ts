import { previousMonth, type ReportMonth } from '../graduation/report-month.js';

/**
 * The month a report's figures are about. The chat asks for "omzet/keuntungan bulan lalu", and
 * business_report stores them on the report's `period` with the note "of the month before
 * `period`" (prisma/schema.prisma): the one place that turns a period into the month whose UMK
 * applies, so a report for January 2026 is judged against December's (2025's) UMK.
 */
export function figureMonth(period: ReportMonth): ReportMonth {
  return previousMonth(period);
}
