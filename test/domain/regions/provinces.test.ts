import { describe, expect, it } from 'vitest';
import { findProvince, PROVINCES } from '../../../src/domain/regions/provinces.js';

describe('PROVINCES', () => {
  it('lists the 38 current provinces once each, as two-digit codes', () => {
    expect(PROVINCES).toHaveLength(38);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(38);
    for (const province of PROVINCES) expect(province.code).toMatch(/^[1-9][0-9]$/);
  });

  it('runs from 11 Aceh to 96 Papua Barat Daya (Dukcapil/Kemendagri numbering)', () => {
    expect(findProvince('11')?.name).toBe('Aceh');
    expect(findProvince('36')?.name).toBe('Banten');
    expect(findProvince('91')?.name).toBe('Papua');
    expect(findProvince('92')?.name).toBe('Papua Barat');
    expect(findProvince('93')?.name).toBe('Papua Selatan');
    expect(findProvince('94')?.name).toBe('Papua Tengah');
    expect(findProvince('95')?.name).toBe('Papua Pegunungan');
    expect(findProvince('96')?.name).toBe('Papua Barat Daya');
  });

  it.each(['00', '10', '20', '37', '50', '66', '83', '90', '97', '99', '3', '360'])('knows no province %s', (code) => {
    expect(findProvince(code)).toBeUndefined();
  });

  const expectedZones: Record<string, string[]> = {
    // Sumatra, Java (incl. Banten), West and Central Kalimantan
    'Asia/Jakarta': ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '61', '62'],
    // Bali, NTB, NTT, South/East/North Kalimantan, Sulawesi
    'Asia/Makassar': ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'],
    // Maluku, Papua
    'Asia/Jayapura': ['81', '82', '91', '92', '93', '94', '95', '96'],
  };

  it.each(Object.entries(expectedZones))('puts the right provinces in %s', (zone, codes) => {
    expect(PROVINCES.filter((p) => p.timeZone === zone).map((p) => p.code)).toEqual(codes);
  });
});
