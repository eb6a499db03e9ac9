import { reachesWage } from '../wages/wage-amount.js';
import { monthYear, previousMonth, type ReportMonth } from './report-month.js';

/** One month's report as the rule sees it. */
export interface MonthlyProfit {
  month: ReportMonth;
  /** Net profit that month in whole rupiah; null when the business was closed or no figure was given. */
  profit: number | bigint | null;
}

export interface GraduationVerdict {
  /** Profit reached the UMK in `monthsNeeded` calendar months in a row, ending at the latest report. */
  candidate: boolean;
  /** The months of that run, oldest first (shorter than needed when not a candidate). */
  streak: ReportMonth[];
  /** Years whose UMK is missing for the KPM's regency, among the months looked at: operators must fill them in. */
  missingWageYears: number[];
}

export const MONTHS_NEEDED = 3;

/**
 * The graduation indicator ("naik kelas"): a KPM is a candidate when their monthly profit
 * reached their regency's minimum wage (UMK) in three consecutive calendar months, counted back
 * from their latest report. Each month is judged against the UMK of its own year, so a run
 * from November to January meets the old figure, then the new one. The run breaks at:
 *   - a month without a report (a gap: "three months in a row" means calendar months);
 *   - a month whose profit is below that year's UMK, or missing (closed business, no figure);
 *   - a month whose year has no UMK yet (not judged rather than guessed; listed in
 *     `missingWageYears` so the dashboard can say what to fill in).
 * Several reports for one month: the last in the list counts (a replaced report).
 */
export function graduationVerdict(
  reports: readonly MonthlyProfit[],
  wageFor: (year: number) => bigint | undefined,
  monthsNeeded: number = MONTHS_NEEDED,
): GraduationVerdict {
  const byMonth = new Map<ReportMonth, MonthlyProfit['profit']>();
  for (const report of reports) byMonth.set(report.month, report.profit);
  const latest = [...byMonth.keys()].sort().at(-1);
  const streak: ReportMonth[] = [];
  const missing = new Set<number>();
  for (let month = latest; month !== undefined && byMonth.has(month) && streak.length < monthsNeeded; month = previousMonth(month)) {
    const profit = byMonth.get(month) ?? null;
    const wage = wageFor(monthYear(month));
    if (wage === undefined) missing.add(monthYear(month));
    if (profit === null || wage === undefined || !reachesWage(profit, wage)) break;
    streak.unshift(month);
  }
  return { candidate: streak.length >= monthsNeeded, streak, missingWageYears: [...missing].sort() };
}
