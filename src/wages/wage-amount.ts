/**
 * A minimum wage in sen (hundredths of a rupiah), read the way decrees and operators write it:
 * "Rp5.469.922,59", "5.469.922", "5469922,59", "Rp 3.360.078,06". A dot groups thousands, a comma
 * starts the sen (at most two digits). English "5,469,922.59" and anything else is refused,
 * never guessed at. Returns undefined for zero or unreadable input.
 */
export function parseWageSen(raw: string): bigint | undefined {
  const text = raw.trim().replace(/^rp\.?\s*/i, '').replace(/,-$/, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const rupiah = BigInt(match[1]!.replace(/\./g, ''));
  const sen = BigInt((match[2] ?? '0').padEnd(2, '0'));
  const total = rupiah * 100n + sen;
  return total > 0n && total < 10n ** 13n ? total : undefined;
}

const GROUPED = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, useGrouping: true });

/** "Rp5.469.922,59"; whole amounts without sen: "Rp5.210.377". */
export function formatWageSen(sen: bigint): string {
  const rupiah = sen / 100n;
  const rest = sen % 100n;
  return `Rp${GROUPED.format(rupiah)}${rest === 0n ? '' : `,${rest.toString().padStart(2, '0')}`}`;
}

/** True when a month's profit in whole rupiah reaches the wage in sen. */
export function reachesWage(profitRupiah: number | bigint, wageSen: bigint): boolean {
  const whole = typeof profitRupiah === 'number' ? BigInt(Math.floor(profitRupiah)) : profitRupiah;
  return whole * 100n >= wageSen;
}
