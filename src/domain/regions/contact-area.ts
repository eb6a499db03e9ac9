/** The `area` of the province-wide contact; the others are regencies/cities as recipients name them. */
export const PROVINCE_AREA = 'provinsi';

/**
 * How contact areas are keyed and matched against a recipient's regency: "Kota Serang",
 * " kota  serang" and "KOTA SERANG" are one area.
 */
export function areaKey(area: string): string {
  return area.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
