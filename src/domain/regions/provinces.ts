import type { IndonesianTimeZone } from './time-zone.js';

/** A province as the first two digits of a NIK name it, with the zone its reminders keep to. */
export interface Province {
  code: string;
  name: string;
  timeZone: IndonesianTimeZone;
}

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

/**
 * Province codes as Dukcapil/Kemendagri assign them (Kepmendagri 100.1.1-6117/2022 and later),
 * because NIKs are issued by Dukcapil. The 2022 Papua split is in: 93–96. BPS statistics use
 * different numbers for Papua (94 Papua, 95–97 the new provinces, 91 Papua Barat, 92 Papua
 * Barat Daya); do not mix the two lists. NIKs issued before the split keep 91/92, so a person
 * now living in a new province may still carry a 91 or 92 NIK.
 */
export const PROVINCES: readonly Province[] = [
  { code: '11', name: 'Aceh', timeZone: WIB },
  { code: '12', name: 'Sumatera Utara', timeZone: WIB },
  { code: '13', name: 'Sumatera Barat', timeZone: WIB },
  { code: '14', name: 'Riau', timeZone: WIB },
  { code: '15', name: 'Jambi', timeZone: WIB },
  { code: '16', name: 'Sumatera Selatan', timeZone: WIB },
  { code: '17', name: 'Bengkulu', timeZone: WIB },
  { code: '18', name: 'Lampung', timeZone: WIB },
  { code: '19', name: 'Kepulauan Bangka Belitung', timeZone: WIB },
  { code: '21', name: 'Kepulauan Riau', timeZone: WIB },
  { code: '31', name: 'DKI Jakarta', timeZone: WIB },
  { code: '32', name: 'Jawa Barat', timeZone: WIB },
  { code: '33', name: 'Jawa Tengah', timeZone: WIB },
  { code: '34', name: 'DI Yogyakarta', timeZone: WIB },
  { code: '35', name: 'Jawa Timur', timeZone: WIB },
  { code: '36', name: 'Banten', timeZone: WIB },
  { code: '51', name: 'Bali', timeZone: WITA },
  { code: '52', name: 'Nusa Tenggara Barat', timeZone: WITA },
  { code: '53', name: 'Nusa Tenggara Timur', timeZone: WITA },
  { code: '61', name: 'Kalimantan Barat', timeZone: WIB },
  { code: '62', name: 'Kalimantan Tengah', timeZone: WIB },
  { code: '63', name: 'Kalimantan Selatan', timeZone: WITA },
  { code: '64', name: 'Kalimantan Timur', timeZone: WITA },
  { code: '65', name: 'Kalimantan Utara', timeZone: WITA },
  { code: '71', name: 'Sulawesi Utara', timeZone: WITA },
  { code: '72', name: 'Sulawesi Tengah', timeZone: WITA },
  { code: '73', name: 'Sulawesi Selatan', timeZone: WITA },
  { code: '74', name: 'Sulawesi Tenggara', timeZone: WITA },
  { code: '75', name: 'Gorontalo', timeZone: WITA },
  { code: '76', name: 'Sulawesi Barat', timeZone: WITA },
  { code: '81', name: 'Maluku', timeZone: WIT },
  { code: '82', name: 'Maluku Utara', timeZone: WIT },
  { code: '91', name: 'Papua', timeZone: WIT },
  { code: '92', name: 'Papua Barat', timeZone: WIT },
  { code: '93', name: 'Papua Selatan', timeZone: WIT },
  { code: '94', name: 'Papua Tengah', timeZone: WIT },
  { code: '95', name: 'Papua Pegunungan', timeZone: WIT },
  { code: '96', name: 'Papua Barat Daya', timeZone: WIT },
];

const byCode = new Map(PROVINCES.map((province) => [province.code, province]));

/** The province with this two-digit code, or undefined when no province has it. */
export function findProvince(code: string): Province | undefined {
  return byCode.get(code);
}
