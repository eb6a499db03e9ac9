import { accept, refuse, type FieldResult } from './field.js';

/**
 * Whole rupiah, written the Indonesian way: "3500000", "3.500.000", "Rp3.500.000",
 * "Rp 3.500.000,00" or "Rp500.000,-". Sen other than ",00" and English "3,500,000" are refused
 * rather than guessed at.
 */
export function parseRupiah(raw: string): bigint | undefined {
  const text = raw.replace(/^rp\.?\s*/i, '').replace(/(,00|,-)$/, '');
  if (!/^(\d+|\d{1,3}(\.\d{3})+)$/.test(text)) return undefined;
  const amount = BigInt(text.replace(/\./g, ''));
  return amount > 0n ? amount : undefined;
}

export function rupiahField(raw: string): FieldResult<bigint> {
  const amount = parseRupiah(raw);
  return amount === undefined ? refuse({ code: 'amount' }) : accept(amount);
}
