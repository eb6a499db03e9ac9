/**
 * Banten's regency/city minimum wages (UMK) 2024–2026, loaded with the demo data and editable on
 * the dashboard (Dasbor → UMK). Figures per month in sen, from the governor's decrees as
 * reported by the press (none of these figures is in the repository's own sources):
 *
 * - 2024: Keputusan Gubernur Banten No. 561/Kep.293-Huk/2023 (30 Nov 2023), as listed by
 *   https://regional.kontan.co.id/news/berlaku-sebulan-lagi-ini-umk-2024-seluruh-banten-dari-tangerang-serang-cilegon
 *   and https://www.cnnindonesia.com/ekonomi/20231130124219-92-1030979/umk-tangerang-hingga-cilegon-disahkan-tertinggi-rp48-juta/amp
 *   (CNN's "Rp4.185.102,80" for Cilegon is a typo: its own +3,39 % from Rp4.657.222,94 and
 *   Kontan and Liputan6 give Rp4.815.102,80).
 * - 2025: Keputusan Gubernur Banten No. 471 Tahun 2024, as listed by
 *   https://m.tribunnews.com/amp/nasional/2024/12/24/daftar-umk-banten-2025-dari-tertinggi-ke-terendah
 *   and https://www.megatrust.co.id/2024/12/18/umk-se-provinsi-banten-ditetapkan-cek-umk-tertinggi-dan-terendah/?amp=1
 * - 2026: Keputusan Gubernur Banten No. 703 Tahun 2025 (24 Dec 2025), as listed by
 *   https://ihram.co.id/umk-banten-2026-ditetapkan-cilegon-tertinggi-rp-54-juta-ump-rp-31-juta
 *   and https://www.bantenraya.com/?p=16041132 (both with sen).
 *
 * Operators should check them against the decree itself and correct them on the dashboard.
 */
export interface SeedWage {
  regency: string;
  year: number;
  amountSen: bigint;
  source: string;
}

const DECREES: Record<number, string> = {
  2024: 'Kepgub Banten No. 561/Kep.293-Huk/2023',
  2025: 'Kepgub Banten No. 471 Tahun 2024',
  2026: 'Kepgub Banten No. 703 Tahun 2025',
};

// regency → [2024, 2025, 2026], in sen.
const FIGURES: Record<string, [bigint, bigint, bigint]> = {
  'Kabupaten Pandeglang': [301_092_987n, 320_664_032n, 336_007_806n],
  'Kabupaten Lebak': [297_876_469n, 317_238_439n, 333_001_062n],
  'Kabupaten Tangerang': [460_198_800n, 490_111_700n, 521_037_700n],
  'Kabupaten Serang': [456_089_485n, 485_735_301n, 517_852_119n],
  'Kota Tangerang': [476_028_954n, 506_970_836n, 539_940_569n],
  'Kota Cilegon': [481_510_280n, 512_808_448n, 546_992_259n],
  'Kota Serang': [414_860_200n, 441_826_113n, 466_592_794n],
  'Kota Tangerang Selatan': [467_079_100n, 497_439_242n, 524_787_000n],
};

export const BANTEN_MINIMUM_WAGES: readonly SeedWage[] = Object.entries(FIGURES).flatMap(([regency, amounts]) =>
  amounts.map((amountSen, index) => ({ regency, year: 2024 + index, amountSen, source: DECREES[2024 + index]! })),
);
