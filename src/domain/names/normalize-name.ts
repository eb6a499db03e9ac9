/** Apostrophes join the parts of one name (Ma'ruf = Maruf), so they vanish instead of splitting. */
const APOSTROPHES = /['‘’ʼ`´]/g;

/**
 * A name reduced to what identifies it: lower case, no diacritics, apostrophes dropped, any
 * other punctuation (dots, commas, hyphens, ...) turned into a space, single spaces between
 * words. "Abd. Rahman", "abd rahman" and "ABD-RAHMAN" all become "abd rahman".
 */
export function normalizeName(name: string): string {
  return name
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
