import { localParts, type IndonesianTimeZone } from '../local-time.js';

/** A calendar date without a time. */
interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface DecodedBirth {
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'female' | 'male';
}

/** Women's NIKs carry the birth day plus 40 (41–71). */
const FEMALE_DAY_OFFSET = 40;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads the DDMMYY block of a NIK. The two-digit year becomes the most recent year that makes a
 * real date not after today (in the holder's own time zone): this century first, else the one
 * before. The century comes from `today`, so nothing breaks in 2100. Undefined when no such
 * date exists (day 00, 32–40, 72+, month 13, 30 February, 29 February of a common year).
 */
export function decodeBirthDate(ddmmyy: string, today: Date, timeZone: IndonesianTimeZone): DecodedBirth | undefined {
  const rawDay = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const twoDigitYear = Number(ddmmyy.slice(4, 6));
  const sex = rawDay > FEMALE_DAY_OFFSET ? 'female' : 'male';
  const day = sex === 'female' ? rawDay - FEMALE_DAY_OFFSET : rawDay;
  if (day < 1 || month < 1 || month > 12) return undefined;

  // Today in the holder's own zone: a baby born this morning in Jayapura has today's date there,
  // which can still be yesterday in UTC.
  const { year: nowYear, month: nowMonth, day: nowDay } = localParts(today, timeZone);
  const now = { year: nowYear, month: nowMonth, day: nowDay };
  const century = now.year - (now.year % 100);
  for (const year of [century + twoDigitYear, century - 100 + twoDigitYear]) {
    const candidate = { year, month, day };
    if (day <= daysInMonth(year, month) && compareDates(candidate, now) <= 0) {
      return { birthDate: formatDate(candidate), sex };
    }
  }
  return undefined;
}
