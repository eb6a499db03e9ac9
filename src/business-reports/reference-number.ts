import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, U: easy to read aloud and to type back on a phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;

/**
 * A short reference for one sent report ("LU-7K3QXD", LU for *laporan usaha*). 30^6 ≈ 729 million
 * values; the unique index catches the rare clash and the caller draws again.
 */
export function newReportReference(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[random(ALPHABET.length)];
  return `LU-${code}`;
}

export function isReportReference(value: string): boolean {
  return new RegExp(`^LU-[${ALPHABET}]{${LENGTH}}$`).test(value);
}
