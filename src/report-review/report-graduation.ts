import { graduationVerdict, type GraduationVerdict } from '../graduation/graduation-rule.js';
import type { ReportMonth } from '../graduation/report-month.js';
import type { WageLookup } from '../wages/minimum-wages.js';
import { figureMonth } from './figure-month.js';

/** One stored report as the graduation rule needs it: its period and profit. */
export interface PeriodProfit {
  period: ReportMonth;
  profit: number | bigint | null;
}

/**
 * The graduation verdict for one KPM in one program, from their reports (by period) and their
 * regency's UMK. Streak months are figure months (the month before each period).
 */
export function reportGraduation(reports: readonly PeriodProfit[], regency: string, wages: WageLookup): GraduationVerdict {
  return graduationVerdict(
    reports.map((report) => ({ month: figureMonth(report.period), profit: report.profit })),
    (year) => wages(regency, year),
  );
}
