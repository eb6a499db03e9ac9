import type { CsvFormatProblem } from '../importing/csv/csv-format-error.js';
import type { CsvColumns } from '../importing/csv/read-csv.js';
import type { RejectionReason } from '../importing/rejection-reason.js';
import type { ImportKind, ValidationReport } from '../importing/validation-report.js';

// Everything the import CLI says to the operator, Indonesian first (English in brackets for
// headings). Reasons name columns, lines and codes only, never a NIK, name or phone number.

export const IMPORT_KINDS: readonly ImportKind[] = ['recipients', 'stages', 'programs'];

const KIND_TITLE: Record<ImportKind, string> = {
  recipients: 'penerima manfaat / KPM (recipients)',
  stages: 'tahap penyaluran (stages)',
  programs: 'program dan tahapnya (programs)',
};

export const usage = (): string =>
  [
    'Cara pakai (usage): npm run import -- <jenis> FILE.csv',
    '  jenis: recipients (data KPM), stages (tahap penyaluran), programs (program dan tahapnya)',
    'Contoh: npm run import -- recipients data/penerima.csv',
  ].join('\n');

export const unknownKind = (kind: string): string =>
  `Jenis impor "${kind}" tidak dikenal (unknown kind). Pilih salah satu: ${IMPORT_KINDS.join(', ')}.`;

export const fileNotFound = (path: string): string =>
  `File tidak ditemukan atau tidak bisa dibaca (file not found): ${path}`;

export const progressFormat = (kind: ImportKind): string =>
  `Mengimpor ${KIND_TITLE[kind]} [{bar}] {percentage}% | {value}/{total} baris`;

export const importFailed = (summary: string): string =>
  `Impor berhenti karena kesalahan basis data (import failed): ${summary}\n` +
  'Batch yang sudah selesai tetap tersimpan; jalankan ulang impor setelah masalahnya diperbaiki ' +
  '(baris yang sudah tersimpan akan dihitung "tidak berubah").';

export function csvProblem(problem: CsvFormatProblem, columns: CsvColumns<string>): string {
  const optional = columns.optional?.length ? ` (boleh ditambah / optional: ${columns.optional.join(',')})` : '';
  const expected = `Kolom yang diharapkan (expected columns): ${columns.required.join(',')}${optional}`;
  switch (problem.code) {
    case 'empty-file':
      return 'File kosong (empty file): tidak ada baris judul.';
    case 'no-delimiter':
      return `Baris judul (header) tidak memakai pemisah ";" atau ",". ${expected}`;
    case 'missing-columns':
      return `Baris judul (header) kurang kolom: ${problem.columns.join(', ')}. ${expected}`;
    case 'unknown-columns':
      return `Baris judul (header) berisi kolom yang tidak dikenal: ${problem.columns.join(', ')}. ${expected}`;
    case 'duplicate-columns':
      return `Baris judul (header) memuat kolom yang sama dua kali: ${problem.columns.join(', ')}.`;
    case 'broken-csv':
      return `Format CSV rusak sekitar baris ${problem.line ?? '?'} (tanda kutip " tidak tertutup?). ` +
        'Tidak ada data yang diimpor.';
  }
}

export function formatReport(report: ValidationReport, fileName: string): string {
  const lines = [
    `Laporan impor ${KIND_TITLE[report.kind]}`,
    `File: ${fileName}`,
    `  Baris dibaca        (read):      ${report.read}`,
    `  Baru                (created):   ${report.created}`,
    `  Diperbarui          (updated):   ${report.updated}`,
    `  Tidak berubah       (unchanged): ${report.unchanged}`,
    `  Ditolak             (rejected):  ${report.rejected.length}`,
  ];
  if (report.kind === 'programs') lines.push(`  Tahap dihapus       (removed):   ${report.removed}`);
  if (report.rejected.length > 0) {
    lines.push('', 'Baris yang ditolak (rejected rows; baris 1 = judul kolom):');
    for (const row of report.rejected) {
      lines.push(`  baris ${row.line}: ${row.reasons.map((reason) => describeReason(reason, report.kind)).join('; ')}`);
    }
  } else {
    lines.push('', 'Semua baris diterima (no rows rejected).');
  }
  return lines.join('\n');
}

const NIK_PROBLEM: Record<Extract<RejectionReason, { code: 'nik' }>['problem'], string> = {
  empty: 'NIK kosong',
  'non-digit': 'NIK hanya boleh berisi angka',
  length: 'NIK harus 16 angka',
  'unknown-province': 'dua angka pertama NIK bukan kode provinsi',
  'invalid-birth-date': 'tanggal lahir dalam NIK (angka ke-7 s.d. ke-12) tidak mungkin',
  'invalid-serial': 'nomor urut NIK (4 angka terakhir) tidak boleh 0000',
};

const DUPLICATE: Record<ImportKind, (line: number) => string> = {
  recipients: (line) => `NIK yang sama sudah ada di baris ${line}; baris ini dilewati`,
  stages: (line) => `NIK, program dan tahap yang sama sudah ada di baris ${line}; baris ini dilewati`,
  programs: (line) => `tahap yang sama untuk program ini sudah ada di baris ${line}`,
};

const didYouMean = (suggestion: string | undefined): string => (suggestion ? ` (maksud Anda "${suggestion}"?)` : '');

export function describeReason(reason: RejectionReason, kind: ImportKind): string {
  switch (reason.code) {
    case 'column-count':
      return `jumlah kolom ${reason.found}, seharusnya ${reason.expected} (periksa pemisah dan tanda kutip)`;
    case 'required':
      return `kolom "${reason.column}" kosong`;
    case 'too-long':
      return `kolom "${reason.column}" terlalu panjang (maksimal ${reason.max} karakter)`;
    case 'excel-number':
      return `kolom "${reason.column}" tertulis sebagai angka Excel (mis. 3,6E+15) sehingga angka terakhirnya hilang; ` +
        'format kolom sebagai Teks lalu isi ulang';
    case 'nik':
      return reason.problem === 'length' && reason.length !== undefined
        ? `${NIK_PROBLEM.length} (tertulis ${reason.length} angka)`
        : NIK_PROBLEM[reason.problem];
    case 'kk':
      return 'No. KK harus 16 angka';
    case 'phone':
      return 'nomor telepon bukan nomor HP Indonesia (contoh penulisan: 0812-3456-7890 atau +62812…)';
    case 'date-format':
      return 'tanggal harus ditulis TTTT-BB-HH, mis. 2020-12-14';
    case 'date-invalid':
      return 'tanggal tidak ada di kalender';
    case 'date-future':
      return 'tanggal belum terjadi (masih di masa depan)';
    case 'amount':
      return 'nominal harus rupiah bulat lebih dari 0, mis. 3500000, 3.500.000 atau Rp3.500.000';
    case 'code-format':
      return `kolom "${reason.column}" hanya boleh berisi huruf, angka, - dan _ (maksimal 40)`;
    case 'position':
      return 'urutan harus bilangan bulat mulai dari 1';
    case 'duplicate':
      return DUPLICATE[kind](reason.firstLine);
    case 'duplicate-position':
      return `urutan yang sama sudah dipakai di baris ${reason.firstLine}`;
    case 'program-name-mismatch':
      return `nama program berbeda dengan baris ${reason.firstLine} untuk program yang sama`;
    case 'unknown-program':
      return `program "${reason.program}" belum terdaftar${didYouMean(reason.suggestion)}; impor daftar program dulu`;
    case 'unknown-stage':
      return `tahap "${reason.stage}" tidak ada di program "${reason.program}"${didYouMean(reason.suggestion)}`;
    case 'unknown-recipient':
      return 'NIK ini belum terdaftar sebagai KPM; impor data penerima dulu';
    case 'stage-in-use':
      return `tahap "${reason.stage}" program "${reason.program}" sudah dipakai ${reason.events} riwayat penyaluran ` +
        'sehingga tidak boleh dihapus dari daftar; program ini tidak diubah';
    case 'program-not-changed':
      return `program "${reason.program}" tidak diubah karena ada masalah di baris ${reason.line}`;
  }
}
