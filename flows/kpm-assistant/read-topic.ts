import { wordsOf } from './normalise-text.js';

/**
 * Things people ask that the bot cannot do itself but can point to the right place for. 'faq'
 * is the FAQ itself (HELP); the others are recognised from what the person typed.
 */
export type Topic = 'faq' | 'report' | 'lostCard' | 'schedule' | 'register' | 'facilitator';

const REPORT = ['lapor', 'melapor', 'laporan', 'laporkan', 'mengadu', 'aduan', 'pengaduan', 'adukan', 'komplain', 'disunat', 'sunat', 'dipotong', 'potongan', 'pungli', 'pungutan', 'dipungut'];
const CARD = ['kks', 'kartu', 'atm', 'buku'];
const CARD_TROUBLE = ['hilang', 'ilang', 'rusak', 'patah', 'tertelan', 'ketelan', 'terblokir', 'diblokir', 'blokir', 'lupa'];
const SCHEDULE = ['jadwal', 'bimtek', 'pertemuan', 'pelatihan'];
const REGISTER = ['daftar', 'mendaftar', 'didaftarkan', 'daftarkan', 'pendaftaran', 'usul', 'usulkan', 'diusulkan', 'mengusulkan', 'pengusulan', 'dtks'];
const FACILITATOR = ['pendamping', 'pendampingan', 'tksk', 'korlap'];
/** With these, "daftar" asks whether one is listed: that is the eligibility check, not a request to register. */
const CHECKING = ['cek', 'check', 'periksa', 'lihat', 'apakah', 'sudah'];

/**
 * The request a message makes that the bot answers with a pointer, or null.
 *
 * @example topicOf('mau lapor bantuan disunat') // 'report'
 * @example topicOf('kartu KKS hilang') // 'lostCard'
 */
export function topicOf(text: string): Exclude<Topic, 'faq'> | null {
  const words = wordsOf(text);
  const has = (list: readonly string[]) => words.some((word) => list.includes(word));
  if (has(REPORT)) return 'report';
  if (has(CARD) && has(CARD_TROUBLE)) return 'lostCard';
  if (has(SCHEDULE)) return 'schedule';
  if (has(REGISTER) && !has(CHECKING)) return 'register';
  if (has(FACILITATOR)) return 'facilitator';
  return null;
}
