/** Words people use for money, after lower-casing. Values in rupiah. */

/** Multipliers: "750rb", "2 juta", "1,5jt", "3M". */
export const UNITS: Readonly<Record<string, bigint>> = {
  ribu: 1_000n, rb: 1_000n, rbu: 1_000n, rebu: 1_000n, ribuan: 1_000n, k: 1_000n, rban: 1_000n, rbuan: 1_000n,
  juta: 1_000_000n, jt: 1_000_000n, jta: 1_000_000n, juta2: 1_000_000n, jutaan: 1_000_000n, jtan: 1_000_000n, jeti: 1_000_000n,
  miliar: 1_000_000_000n, milyar: 1_000_000_000n, m: 1_000_000_000n, mlyr: 1_000_000_000n,
};

/** Unit words with "-an" mean "about": "2 jutaan" is about two million (accepted as 2.000.000). */
export const APPROXIMATE_UNITS = new Set(['ribuan', 'rban', 'rbuan', 'jutaan', 'jtan']);

/** "sejuta", "seribu": one of the unit. */
export const ONE_UNIT: Readonly<Record<string, bigint>> = {
  seribu: 1_000n, sejuta: 1_000_000n, semiliar: 1_000_000_000n, semilyar: 1_000_000_000n,
};

export const DIGIT_WORDS: Readonly<Record<string, number>> = {
  nol: 0, kosong: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
};

/** Words that scale the digit before them within a group below a thousand. */
export const GROUP_WORDS: Readonly<Record<string, bigint>> = { puluh: 10n, ratus: 100n };

/** Words that stand for a whole number by themselves. */
export const SE_WORDS: Readonly<Record<string, bigint>> = { sepuluh: 10n, sebelas: 11n, seratus: 100n };

/** Words that make the figure a loss ("rugi 200 ribu"). */
export const LOSS_WORDS = new Set(['rugi', 'minus', 'defisit', 'merugi', 'loss', 'tekor', 'nombok']);

/** Between two numbers these make a range ("2 sampai 3 juta"). */
export const RANGE_WORDS = new Set(['sampai', 'sampe', 'hingga', 'atau', 'sd', 'to', 'or']);

/** A bound, not a figure ("lebih dari 1 juta", "di bawah 500 ribu"). */
export const BOUND_WORDS = new Set(['lebih', 'lbh', 'diatas', 'atas', 'bawah', 'dibawah', 'kurang', 'maksimal', 'minimal', 'paling']);

/** "Kurang lebih", "sekitar": about that much; the figure is taken as given. */
export const APPROXIMATE_WORDS = new Set(['sekitar', 'sekitaran', 'kira', 'kurleb', 'kisaran', 'kirakira', 'about', 'around', 'approximately', 'approx']);

/** Answers meaning nothing at all. */
export const ZERO_PHRASES = new Set([
  '0', 'nol', 'kosong', 'belum ada', 'tidak ada', 'gak ada', 'ga ada', 'nggak ada', 'ngga ada', 'enggak ada', 'tdk ada', 'gk ada',
  'belum', 'blm ada', 'nihil', 'none', 'nothing', 'zero', 'belum dapat', 'belum dapet', 'tidak ada untung', 'belum ada untung',
  'belum ada omzet', 'belum ada omset', 'tidak ada omzet', 'tidak ada penjualan', 'belum ada penjualan', 'belum ada hasil',
  'tidak ada hasil', 'gak ada untung', 'no sales', 'no profit', 'impas', 'balik modal', 'pas pasan modal',
]);
