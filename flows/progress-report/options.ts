import type { ChoiceOption } from '../kpm-assistant/match-choice.js';

/** A numbered choice of this flow: its id, label key and the words that also pick it. */
export interface ReportOption extends ChoiceOption {
  key: string;
}

export const STATUS_OPTIONS: readonly ReportOption[] = [
  { id: 'running', key: 'progress:choice.status.running', words: ['jalan', 'berjalan', 'masih', 'buka', 'lancar', 'running', 'open'] },
  { id: 'paused', key: 'progress:choice.status.paused', words: ['sementara', 'libur', 'tutup', 'paused', 'temporarily'] },
  { id: 'stopped', key: 'progress:choice.status.stopped', words: ['berhenti', 'bangkrut', 'gulung', 'stopped', 'stop', 'closed'] },
];

export const STOP_REASON_OPTIONS: readonly ReportOption[] = [
  { id: 'no-capital', key: 'progress:choice.stopReason.noCapital', words: ['modal', 'capital', 'uang'] },
  { id: 'no-buyers', key: 'progress:choice.stopReason.noBuyers', words: ['pembeli', 'sepi', 'laku', 'buyers', 'customers'] },
  { id: 'sick', key: 'progress:choice.stopReason.sick', words: ['sakit', 'sick', 'ill'] },
  { id: 'family', key: 'progress:choice.stopReason.family', words: ['keluarga', 'family', 'urusan'] },
  { id: 'disaster', key: 'progress:choice.stopReason.disaster', words: ['bencana', 'banjir', 'kebakaran', 'gempa', 'disaster', 'flood', 'fire'] },
  { id: 'other', key: 'progress:choice.stopReason.other', words: ['lainnya', 'lain', 'other'] },
];

export const EQUIPMENT_OPTIONS: readonly ReportOption[] = [
  { id: 'all-used', key: 'progress:choice.equipment.allUsed', words: ['semua', 'semuanya', 'all'] },
  { id: 'partly-used', key: 'progress:choice.equipment.partlyUsed', words: ['sebagian', 'partly', 'some'] },
  { id: 'not-used', key: 'progress:choice.equipment.notUsed', words: ['tidak', 'nganggur', 'unused'] },
  { id: 'sold', key: 'progress:choice.equipment.sold', words: ['dijual', 'jual', 'terjual', 'sold'] },
  { id: 'broken', key: 'progress:choice.equipment.broken', words: ['rusak', 'hilang', 'broken', 'lost'] },
];

export const SUMMARY_OPTIONS: readonly ReportOption[] = [
  { id: 'send', key: 'progress:choice.send', words: ['kirim', 'benar', 'betul', 'sudah', 'ya', 'send', 'yes', 'ok'] },
  { id: 'change', key: 'progress:choice.change', words: ['ubah', 'ganti', 'salah', 'edit', 'change'] },
  { id: 'cancel', key: 'progress:choice.cancel', words: ['batal', 'hapus', 'cancel'] },
];

export const CONFIRM_OPTIONS: readonly ReportOption[] = [
  { id: 'yes', key: 'progress:choice.yes', words: ['ya', 'iya', 'benar', 'betul', 'yes', 'correct', 'y'] },
  { id: 'retype', key: 'progress:choice.retype', words: ['bukan', 'salah', 'tidak', 'ulang', 'no', 'wrong'] },
];

export const WORKERS_KIND_OPTIONS: readonly ReportOption[] = [
  { id: 'family', key: 'progress:choice.workers.family', words: ['keluarga', 'family'] },
  { id: 'paid', key: 'progress:choice.workers.paid', words: ['dibayar', 'digaji', 'karyawan', 'pegawai', 'paid'] },
  { id: 'both', key: 'progress:choice.workers.both', words: ['dua', 'duanya', 'campur', 'both'] },
];

export const RESUME_OPTIONS: readonly ReportOption[] = [
  { id: 'continue', key: 'progress:choice.continue', words: ['lanjut', 'lanjutkan', 'terus', 'continue', 'ya'] },
  { id: 'cancel', key: 'progress:choice.cancel', words: ['batal', 'berhenti', 'tidak', 'cancel', 'stop'] },
];

/** What "ubah" offers; `equipment` only for goods aid, the figures only for a running business. */
export const CHANGE_OPTIONS: Readonly<Record<string, ReportOption>> = {
  status: { id: 'status', key: 'progress:choice.field.status', words: ['status', 'usaha', 'jalan'] },
  stopReason: { id: 'stopReason', key: 'progress:choice.field.stopReason', words: ['alasan', 'reason'] },
  sales: { id: 'sales', key: 'progress:choice.field.sales', words: ['omzet', 'omset', 'penjualan', 'sales'] },
  profit: { id: 'profit', key: 'progress:choice.field.profit', words: ['untung', 'keuntungan', 'laba', 'profit'] },
  workers: { id: 'workers', key: 'progress:choice.field.workers', words: ['pekerja', 'karyawan', 'workers'] },
  equipment: { id: 'equipment', key: 'progress:choice.field.equipment', words: ['barang', 'alat', 'peralatan', 'equipment'] },
  photos: { id: 'photos', key: 'progress:choice.field.photos', words: ['foto', 'gambar', 'photo', 'photos'] },
  problems: { id: 'problems', key: 'progress:choice.field.problems', words: ['kendala', 'masalah', 'problems'] },
};

/** Typed words that skip an optional question or end the photos. */
export const SKIP_WORDS = new Set(['lewati', 'lewat', 'skip', 'tidak ada', 'gak ada', 'ga ada', 'nggak ada', 'tidak', 'belum', 'belum ada', 'kosong', 'no', 'none', 'selesai', 'sudah', 'cukup', 'done', 'finish', '-']);

export function choicesOf(options: readonly ReportOption[]) {
  return options.map(({ id, key }) => ({ id, key }));
}
