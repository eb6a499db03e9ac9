import { describe, expect, it } from 'vitest';
import { BANTEN_REGENCIES, findBantenRegency } from '../../../src/domain/regions/banten-regencies.js';

describe('BANTEN_REGENCIES', () => {
  it('has the four regencies and four cities of DOMAIN.md', () => {
    expect(BANTEN_REGENCIES.map((r) => `${r.code} ${r.name}`)).toEqual([
      '3601 Pandeglang',
      '3602 Lebak',
      '3603 Tangerang',
      '3604 Serang',
      '3671 Kota Tangerang',
      '3672 Kota Cilegon',
      '3673 Kota Serang',
      '3674 Kota Tangerang Selatan',
    ]);
  });

  it('marks codes 01–69 as kabupaten and 71–99 as kota', () => {
    for (const regency of BANTEN_REGENCIES) {
      expect(regency.kind).toBe(Number(regency.code.slice(2)) >= 71 ? 'kota' : 'kabupaten');
    }
  });

  it('finds a regency by its four-digit code, and nothing for unknown codes', () => {
    expect(findBantenRegency('3604')).toEqual({ code: '3604', name: 'Serang', kind: 'kabupaten' });
    expect(findBantenRegency('3673')?.name).toBe('Kota Serang');
    expect(findBantenRegency('3605')).toBeUndefined();
    expect(findBantenRegency('3201')).toBeUndefined();
    expect(findBantenRegency('36')).toBeUndefined();
  });
});
