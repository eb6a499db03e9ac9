/** Words of address and religious/honorific titles written before a name ("Hj.", "Bpk", "Ibu"). */
const PREFIXES = new Set([
  'h', 'hj', 'haji', 'hajah', 'hajjah', 'kh', 'ust', 'ustadz', 'ustaz', 'ustazah', 'ustadzah',
  'bpk', 'bapak', 'pak', 'ibu', 'bu', 'sdr', 'sdri', 'saudara', 'saudari', 'tn', 'tuan', 'ny', 'nyonya', 'nn', 'nona',
  'dr', 'drs', 'dra', 'ir', 'prof',
]);

/** Academic degrees written after a name ("S.Pd", "A.Md.Keb"), compared without dots. */
const DEGREES = new Set([
  'spd', 'spdi', 'sag', 'sh', 'shi', 'se', 'st', 'skom', 'ssos', 'sip', 'skm', 'skep', 'ssi', 'sp', 'spt', 'sthi', 'ssit',
  'sfarm', 'ked', 'mpd', 'mpdi', 'mm', 'mh', 'msi', 'mag', 'mt', 'mkes', 'amd', 'amdkeb', 'amdkep', 'amk', 'ak', 'ners', 'phd',
]);

const bare = (token: string) => token.toLowerCase().replace(/[.'’]/g, '');

/**
 * A name without the titles people add or leave out at will: leading words of address and
 * honorifics (Hj., H., Bpk, Ibu, Sdr, Dr.) and trailing degrees (", S.Pd", "M.Pd."). A title
 * is not part of who someone is, so "Hj. Imas Contoh Masitoh" is "Imas Contoh Masitoh". At
 * least one word always stays.
 *
 * @example stripTitles('Hj. Imas Masitoh, S.Pd.') // 'Imas Masitoh'
 */
export function stripTitles(name: string): string {
  const tokens = name.normalize('NFKC').split(/[\s,]+/).filter(Boolean);
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && PREFIXES.has(bare(tokens[start] ?? ''))) start++;
  while (end - start > 1 && DEGREES.has(bare(tokens[end - 1] ?? ''))) end--;
  return tokens.slice(start, end).join(' ');
}
