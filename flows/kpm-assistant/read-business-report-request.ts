import { wordsOf } from './normalise-text.js';

const REPORT_WORDS = new Set(['lapor', 'laporan', 'melapor', 'laporkan', 'report']);
const BUSINESS_WORDS = new Set(['usaha', 'bisnis', 'business', 'perkembangan', 'omzet', 'omset', 'progress']);

/**
 * Does a message ask for the monthly business report? "lapor usaha", "laporan usaha",
 * "lapor perkembangan usaha", or "laporan" alone. "Lapor bantuan disunat" is a complaint, not this.
 *
 * @example asksBusinessReport('Lapor usaha') // true
 */
export function asksBusinessReport(text: string): boolean {
  const words = wordsOf(text);
  if (words.length === 1 && words[0] === 'laporan') return true;
  return words.some((word) => REPORT_WORDS.has(word)) && words.some((word) => BUSINESS_WORDS.has(word));
}
