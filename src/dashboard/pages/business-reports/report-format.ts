import type { Language } from '../../../../flows/kpm-assistant/contract.js';
import { previousMonth, type ReportMonth } from '../../../graduation/report-month.js';
import { formatRupiah } from '../../../i18n/format-rupiah.js';

const MONTH_NAMES: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const SHORT_MONTHS: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
};

/** "November 2026". */
export function monthLabel(month: ReportMonth, language: Language): string {
  return MONTH_NAMES[language].format(new Date(`${month}-01T00:00:00Z`));
}

/** "Nov 26" under a chart. */
export function shortMonthLabel(month: ReportMonth, language: Language): string {
  return SHORT_MONTHS[language].format(new Date(`${month}-01T00:00:00Z`));
}

/** The last `count` months up to `current`, newest first (the month picker). */
export function recentMonths(current: ReportMonth, count = 12): ReportMonth[] {
  const months = [current];
  while (months.length < count) months.push(previousMonth(months.at(-1)!));
  return months;
}

/** An amount or a dash. */
export function money(value: number | null): string {
  return value === null ? '—' : formatRupiah(value);
}

/** "75%"; a dash when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}
