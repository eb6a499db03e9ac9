import { describe, expect, it } from 'vitest';
import { pastCalendarDate, todayInJakarta } from '../../src/importing/fields/calendar-date.js';
import { looksLikeExcelNumber } from '../../src/importing/fields/excel-number.js';
import { kkNumber } from '../../src/importing/fields/kk-number.js';
import { normalizeIndonesianMobile } from '../../src/importing/fields/phone-number.js';
import { parseRupiah } from '../../src/importing/fields/rupiah-amount.js';
import { NOW } from './fixtures.js';

describe('normalizeIndonesianMobile', () => {
  it.each([
    ['0812-0000-0001', '+6281200000001'],
    ['081200000001', '+6281200000001'],
    ['6281200000001', '+6281200000001'],
    ['+62 812 0000 0001', '+6281200000001'],
    ['(0812) 0000.0001', '+6281200000001'],
    ['81200000001', '+6281200000001'],
    ["'081200000001", '+6281200000001'],
    ['0856123456', '+62856123456'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIndonesianMobile(input)).toBe(expected);
  });

  it.each(['021-5550123', '0812', '+6581200000001', '08120000000123456', 'telp 0812', '62-21-555-0123'])(
    'refuses %s',
    (input) => {
      expect(normalizeIndonesianMobile(input)).toBeUndefined();
    },
  );
});

describe('parseRupiah', () => {
  it.each([
    ['3500000', 3_500_000n],
    ['3.500.000', 3_500_000n],
    ['Rp3.500.000', 3_500_000n],
    ['Rp 3.500.000', 3_500_000n],
    ['rp. 500.000', 500_000n],
    ['Rp500.000,-', 500_000n],
    ['Rp2.500.000,00', 2_500_000n],
  ])('%s → %s', (input, expected) => {
    expect(parseRupiah(input)).toBe(expected);
  });

  it.each(['3,500,000', '3.500.00', '3.5 juta', '-500000', '0', 'Rp', '500.000,50', '1.2345'])('refuses %s', (input) => {
    expect(parseRupiah(input)).toBeUndefined();
  });
});

describe('pastCalendarDate', () => {
  const check = pastCalendarDate(NOW);

  it('accepts a real past date as UTC midnight', () => {
    expect(check('2020-12-14')).toEqual({ ok: true, value: new Date('2020-12-14T00:00:00Z') });
  });

  it('accepts today in WIB even while it is still yesterday in UTC', () => {
    const lateEvening = new Date('2024-06-01T18:00:00Z'); // 2 June 01:00 WIB
    expect(todayInJakarta(lateEvening)).toBe('2024-06-02');
    expect(pastCalendarDate(lateEvening)('2024-06-02').ok).toBe(true);
  });

  it.each([
    ['14/12/2020', 'date-format'],
    ['2020-2-1', 'date-format'],
    ['2021-02-29', 'date-invalid'],
    ['2020-13-01', 'date-invalid'],
    ['2024-06-02', 'date-future'],
  ])('refuses %s (%s)', (input, code) => {
    expect(check(input)).toEqual({ ok: false, reason: { code } });
  });
});

describe('kkNumber and Excel numbers', () => {
  it('accepts 16 digits, with spaces or a leading apostrophe', () => {
    expect(kkNumber("'3673 0301 0110 9101")).toEqual({ ok: true, value: '3673030101109101' });
  });

  it('refuses other lengths and Excel scientific notation', () => {
    expect(kkNumber('367303010110910')).toEqual({ ok: false, reason: { code: 'kk' } });
    expect(kkNumber('3.67303E+15')).toEqual({ ok: false, reason: { code: 'excel-number', column: 'no_kk' } });
    expect(looksLikeExcelNumber('3,67303E+15')).toBe(true);
    expect(looksLikeExcelNumber('3673030101109101')).toBe(false);
  });
});
