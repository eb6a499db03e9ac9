function maskWord(word: string): string {
  const [first = '', ...rest] = Array.from(word);
  return first.toLocaleUpperCase('id-ID') + '*'.repeat(rest.length);
}

/**
 * A name as it may be shown before or without full verification: each word's initial, upper
 * case, then one `*` per remaining letter ("Siti Aminah" → "S*** A*****"). Word count and
 * lengths stay visible so the person can recognise their own name.
 */
export function maskName(name: string): string {
  return name.normalize('NFC').trim().split(/\s+/).map(maskWord).join(' ');
}
