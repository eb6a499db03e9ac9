import { stripNikSeparators } from './strip-nik-separators.js';

const FULLY_MASKED = '*'.repeat(16);

/**
 * A NIK as it may be shown back: first 4 digits (the regency, which the person recognises) and
 * last 2, e.g. `3604**********01`. Anything that is not a 16-digit NIK is masked completely, so
 * a malformed value can never slip through unmasked.
 */
export function maskNik(nik: string): string {
  const digits = stripNikSeparators(nik);
  if (!/^[0-9]{16}$/.test(digits)) return FULLY_MASKED;
  return `${digits.slice(0, 4)}${'*'.repeat(10)}${digits.slice(-2)}`;
}
