import { stripNikSeparators } from '../../src/domain/nik/strip-nik-separators.js';

/** "KK: 3604...", "no kk 3604...": the label people type before the number. */
const LABEL = /^\s*(?:(?:no|nomor|nomer)\.?\s*)?(?:kk|kartu keluarga)\b(?:\s+saya)?\s*[:=]?\s*/i;

/**
 * A KK (Kartu Keluarga) number as typed: 16 digits, grouped or not; null otherwise. Unlike a
 * NIK it holds no birth date, so only its length is checked here.
 *
 * @example readKk('KK 3604 0101 0910 9101') // '3604010109109101'
 */
export function readKk(text: string): string | null {
  const digits = stripNikSeparators(text.replace(LABEL, ''));
  return /^\d{16}$/.test(digits) ? digits : null;
}
