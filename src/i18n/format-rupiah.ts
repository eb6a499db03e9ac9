const GROUPED = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, useGrouping: true });

/**
 * Rupiah as written in Indonesia in both languages: "Rp3.500.000" — no space, dots between
 * thousands, no decimals (aid amounts are whole rupiah).
 */
export function formatRupiah(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  const rounded = Math.round(amount);
  const sign = rounded < 0 ? '-' : '';
  return `${sign}Rp${GROUPED.format(Math.abs(rounded))}`;
}
