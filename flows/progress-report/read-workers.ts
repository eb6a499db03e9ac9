import { DIGIT_WORDS } from '../../src/domain/money/money-words.js';
import { normaliseText } from '../kpm-assistant/normalise-text.js';

export type WorkersReading =
  | { kind: 'counted'; family: number; paid: number }
  /** A number without saying who ("3"): asked back, family or paid. */
  | { kind: 'unplaced'; count: number }
  | { kind: 'unreadable' };

const FAMILY = new Set(['keluarga', 'family', 'istri', 'suami', 'anak', 'saudara', 'adik', 'kakak', 'ortu', 'orangtua']);
const PAID = new Set(['dibayar', 'digaji', 'gaji', 'karyawan', 'pegawai', 'pekerja', 'upah', 'diupah', 'paid', 'employee', 'employees', 'staff']);
const NONE = new Set(['0', 'nol', 'tidak ada', 'gak ada', 'ga ada', 'nggak ada', 'sendiri', 'sendirian', 'saya sendiri', 'tidak', 'none', 'no', 'alone', 'myself']);

/**
 * Workers besides the KPM, as typed: "2 keluarga 1 dibayar", "1 karyawan", "sendiri", "0".
 * A number names the kind of word that follows it (or, failing that, precedes it).
 *
 * @example readWorkers('2 keluarga, 1 dibayar') // { kind: 'counted', family: 2, paid: 1 }
 */
export function readWorkers(text: string): WorkersReading {
  const normalised = normaliseText(text);
  if (NONE.has(normalised)) return { kind: 'counted', family: 0, paid: 0 };
  const words = normalised.split(' ').filter((word) => word !== '' && word !== 'orang' && word !== 'org' && word !== 'dan' && word !== 'and');
  let family = 0;
  let paid = 0;
  let unplaced: number | null = null;
  let counted = false;
  for (const [index, word] of words.entries()) {
    const count = /^\d{1,3}$/.test(word) ? Number(word) : DIGIT_WORDS[word];
    if (count === undefined) continue;
    const after = words[index + 1] ?? '';
    const before = words[index - 1] ?? '';
    const kind = FAMILY.has(after) ? 'family' : PAID.has(after) ? 'paid' : FAMILY.has(before) ? 'family' : PAID.has(before) ? 'paid' : null;
    if (kind === 'family') family += count;
    else if (kind === 'paid') paid += count;
    else if (unplaced === null) unplaced = count;
    else return { kind: 'unreadable' };
    counted = true;
  }
  if (!counted) return { kind: 'unreadable' };
  if (unplaced !== null) {
    if (family === 0 && paid === 0) return unplaced === 0 ? { kind: 'counted', family: 0, paid: 0 } : { kind: 'unplaced', count: unplaced };
    return { kind: 'unreadable' };
  }
  return { kind: 'counted', family, paid };
}
