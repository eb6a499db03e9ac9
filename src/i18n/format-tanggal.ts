import type { Language } from '../../flows/kpm-assistant/contract.js';

const OPTIONS = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
/** Built once: constructing an Intl.DateTimeFormat costs more than formatting with it. */
const FORMATS: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', OPTIONS),
  en: new Intl.DateTimeFormat('en-GB', OPTIONS),
};
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An ISO calendar date the way people read it: "14 Desember 2020" / "14 December 2020".
 * Built and formatted in UTC, so the server's own zone can never shift the day.
 * Anything that is not a real YYYY-MM-DD date is returned unchanged rather than guessed at.
 */
export function formatTanggal(isoDate: string, language: Language): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return isoDate;
  return FORMATS[language].format(date);
}
