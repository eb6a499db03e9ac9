/** "Now" for every import test: fixed, so "not in the future" and NIK birth years are stable. */
export const NOW = new Date('2024-06-01T05:00:00Z');

/**
 * A valid fictional Banten NIK: Kota Serang (3673), district 03, born 1980-05-12 (women: day
 * + 40), serial 9000 + n.
 */
export function nik(n: number, sex: 'female' | 'male' = 'male'): string {
  const day = sex === 'female' ? 52 : 12;
  return `367303${day}0580${String(9000 + n).padStart(4, '0')}`;
}

export function kk(n: number): string {
  return `3673030101109${String(n).padStart(3, '0')}`;
}

/** CSV text from rows of cells, comma-separated, with a trailing newline. */
export function csv(...rows: (string | number)[][]): string {
  return rows.map((row) => row.join(',')).join('\n') + '\n';
}

export const RECIPIENT_HEADER = ['nik', 'nama', 'no_kk', 'telepon', 'kabupaten_kota', 'kecamatan', 'desa'];
export const STAGE_HEADER = ['nik', 'program', 'tahap', 'tanggal', 'nominal', 'keterangan', 'saluran', 'lokasi'];
export const PROGRAM_HEADER = ['program', 'nama_program', 'nama_program_en', 'urutan', 'tahap', 'label', 'label_en'];

export function recipientRow(n: number, overrides: Partial<Record<string, string>> = {}): string[] {
  const row: Record<string, string> = {
    nik: nik(n),
    nama: `Warga Contoh ${n}`,
    no_kk: kk(n),
    telepon: `0812-0000-${String(n).padStart(4, '0')}`,
    kabupaten_kota: 'Kota Serang',
    kecamatan: 'Taktakan',
    desa: 'Sukacontoh',
    ...overrides,
  };
  return RECIPIENT_HEADER.map((column) => row[column] ?? '');
}

/** Two small programs: enough to check stage files and reordering. */
export const PROGRAMS_CSV = csv(
  PROGRAM_HEADER,
  ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise', 1, 'terdaftar', 'Terdaftar', 'Registered'],
  ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise', 2, 'diverifikasi', 'Diverifikasi', 'Verified'],
  ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise', 3, 'barang-diterima', 'Barang diterima', 'Goods received'],
  ['JAMSOSRATU', 'Jamsosratu', 'Jamsosratu', 1, 'dana-dikirim', 'Dana dikirim ke bank penyalur', 'Funds sent to the bank'],
  ['JAMSOSRATU', 'Jamsosratu', 'Jamsosratu', 2, 'dicairkan', 'Dicairkan', 'Collected'],
);
