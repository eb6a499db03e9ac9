/**
 * People type a NIK the way it is printed or grouped ("3604 0112 3456 0001", "3604.0112...",
 * full-width digits from some keyboards). NFKC turns full-width digits into ASCII; spaces, dots
 * and dashes are dropped. Anything else is kept so the caller can reject it.
 */
export function stripNikSeparators(input: string): string {
  return input.normalize('NFKC').replace(/[\s.\-\u2010-\u2015\u2212]/g, '');
}
