/** A regency (kabupaten) or city (kota) of Banten, keyed by the first four digits of a NIK. */
export interface BantenRegency {
  code: string;
  name: string;
  kind: 'kabupaten' | 'kota';
}

/** The programs in the sources are Banten's, so its regencies are known by name (DOMAIN.md). */
export const BANTEN_REGENCIES: readonly BantenRegency[] = [
  { code: '3601', name: 'Pandeglang', kind: 'kabupaten' },
  { code: '3602', name: 'Lebak', kind: 'kabupaten' },
  { code: '3603', name: 'Tangerang', kind: 'kabupaten' },
  { code: '3604', name: 'Serang', kind: 'kabupaten' },
  { code: '3671', name: 'Kota Tangerang', kind: 'kota' },
  { code: '3672', name: 'Kota Cilegon', kind: 'kota' },
  { code: '3673', name: 'Kota Serang', kind: 'kota' },
  { code: '3674', name: 'Kota Tangerang Selatan', kind: 'kota' },
];

const byCode = new Map(BANTEN_REGENCIES.map((regency) => [regency.code, regency]));

/** The Banten regency or city with this four-digit code, or undefined. */
export function findBantenRegency(code: string): BantenRegency | undefined {
  return byCode.get(code);
}
