import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { formatRupiah } from '../../src/i18n/format-rupiah.js';
import { formatTanggal } from '../../src/i18n/format-tanggal.js';

describe('formatTanggal', () => {
  it.each([
    ['2020-12-14', 'id', '14 Desember 2020'],
    ['2020-12-14', 'en', '14 December 2020'],
    ['2021-01-01', 'id', '1 Januari 2021'],
    ['2024-02-29', 'id', '29 Februari 2024'],
    ['2021-08-17', 'id', '17 Agustus 2021'],
  ] as const)('%s in %s is %s', (iso, language, expected) => {
    expect(formatTanggal(iso, language)).toBe(expected);
  });

  it('does not shift the day whatever the process time zone (dates are built in UTC)', () => {
    const original = process.env['TZ'];
    try {
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Jayapura']) {
        process.env['TZ'] = zone; // Node re-reads TZ when it is set
        // The first and last day of a year are where a zone shift would show.
        expect(formatTanggal('2020-12-31', 'id'), zone).toBe('31 Desember 2020');
        expect(formatTanggal('2021-01-01', 'en'), zone).toBe('1 January 2021');
      }
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
  });

  it('returns anything that is not a real date unchanged', () => {
    expect(formatTanggal('2021-02-30', 'id')).toBe('2021-02-30');
    expect(formatTanggal('14/12/2020', 'id')).toBe('14/12/2020');
    expect(formatTanggal('', 'id')).toBe('');
  });
});

describe('formatRupiah', () => {
  it.each([
    [3500000, 'Rp3.500.000'],
    [500000, 'Rp500.000'],
    [2500000, 'Rp2.500.000'],
    [999, 'Rp999'],
    [0, 'Rp0'],
    [1500.6, 'Rp1.501'],
    [-25000, '-Rp25.000'],
  ])('%d is %s', (amount, expected) => {
    expect(formatRupiah(amount)).toBe(expected);
  });
});

describe('createTranslator', () => {
  const t = createTranslator();

  it('formats {{date, tanggal}} and {{amount, rupiah}} per language', () => {
    expect(t('id', 'status.stage', { stage: 'Dicairkan', date: '2020-12-14' })).toBe('✓ Dicairkan, 14 Desember 2020');
    expect(t('en', 'status.stage', { stage: 'Paid', date: '2020-12-14' })).toBe('✓ Paid, 14 December 2020');
    expect(t('id', 'status.amount', { amount: 3500000 })).toBe('   Jumlah: Rp3.500.000');
    expect(t('en', 'status.amount', { amount: 3500000 })).toBe('   Amount: Rp3.500.000');
  });

  it('does not HTML-escape chat text', () => {
    expect(t('id', 'status.note', { note: 'Bawa KTP & KK "asli"' })).toBe('   Catatan: Bawa KTP & KK "asli"');
  });

  it('falls back to Indonesian for an unknown language', () => {
    expect(t('jv' as 'id', 'common.choice.menu')).toBe('Menu utama');
  });

  it('are isolated instances', () => {
    const other = createTranslator();
    expect(other('en', 'common.choice.menu')).toBe('Main menu');
    expect(t('id', 'common.choice.menu')).toBe('Menu utama');
  });
});
