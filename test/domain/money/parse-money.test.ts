import { describe, expect, it } from 'vitest';
import { parseMoney, type MoneyAskReason } from '../../../src/domain/money/parse-money.js';

/** Answers as KPM type them when asked for last month's sales or profit, and what they mean. */
const exact: Array<[string, number]> = [
  ['1.500.000', 1_500_000],
  ['1500000', 1_500_000],
  ['Rp 1.500.000', 1_500_000],
  ['Rp1.500.000,-', 1_500_000],
  ['Rp. 1.500.000,00', 1_500_000],
  ['1,500,000', 1_500_000],
  ['IDR 1,500,000.00', 1_500_000],
  ['1,5 juta', 1_500_000],
  ['1.5 juta', 1_500_000],
  ['1,5jt', 1_500_000],
  ['1,5 JT', 1_500_000],
  ['1jt', 1_000_000],
  ['2 juta', 2_000_000],
  ['15 juta', 15_000_000],
  ['Rp 750rb', 750_000],
  ['750 ribu', 750_000],
  ['750rb', 750_000],
  ['750k', 750_000],
  ['750 rebu', 750_000],
  ['2 juta 250 ribu', 2_250_000],
  ['2jt 250rb', 2_250_000],
  ['1,5 juta 200 ribu', 1_700_000],
  ['sejuta', 1_000_000],
  ['setengah juta', 500_000],
  ['satu setengah juta', 1_500_000],
  ['seratus ribu', 100_000],
  ['seribu', 1_000],
  ['dua juta dua ratus lima puluh ribu', 2_250_000],
  ['lima ratus ribu', 500_000],
  ['sebelas juta', 11_000_000],
  ['tiga belas ribu', 13_000],
  ['2 ratus ribu', 200_000],
  ['0', 0],
  ['nol', 0],
  ['belum ada', 0],
  ['Belum ada.', 0],
  ['tidak ada', 0],
  ['gak ada', 0],
  ['-', 0],
  ['sekitar 2 juta', 2_000_000],
  ['kurang lebih 3 juta', 3_000_000],
  ['2 jutaan', 2_000_000],
  ['kira-kira 800 ribu', 800_000],
  ['1,25 juta', 1_250_000],
  ['1,2345 juta', 1_234_500],
  ['0,5 juta', 500_000],
  ['12,5 ribu', 12_500],
  ['1.500', 1_500],
  ['3M', 3_000_000_000],
  ['rugi 200 ribu', -200_000],
  ['minus 50rb', -50_000],
  ['-300.000', -300_000],
  ['omzet 4 juta', 4_000_000],
  ['4 juta sebulan', 4_000_000],
];

/** Answers that must be asked back, with why and the figures offered. */
const asks: Array<[string, MoneyAskReason, number[]]> = [
  ['1,500', 'ambiguous-separator', [1_500, 1_500_000]],
  ['1.500 juta', 'ambiguous-separator', [1_500_000_000, 1_500_000]],
  ['1,5', 'decimal-without-unit', [1_500_000]],
  ['2.5', 'decimal-without-unit', [2_500_000]],
  ['500', 'small-without-unit', [500_000, 500]],
  ['lima ratus', 'small-without-unit', [500_000, 500]],
  ['2 juta 250', 'unit-missing-after', [2_250_000, 2_000_250]],
  ['2jt500', 'unit-missing-after', [2_500_000, 2_000_500]],
  ['2-3 juta', 'range', []],
  ['2 sampai 3 juta', 'range', []],
  ['lebih dari 1 juta', 'bound', []],
  ['di bawah 500 ribu', 'bound', []],
  ['omzet 2 juta untung 500 ribu', 'several-numbers', []],
  ['banyak', 'no-number', []],
  ['lumayan lah', 'no-number', []],
  ['1.50.000', 'malformed', []],
  ['500 ribu 2 juta', 'malformed', []],
  ['1,23456789 juta', 'fraction', []],
  ['99999999999999', 'too-large', []],
  ['juta', 'malformed', []],
];

describe('parseMoney', () => {
  it.each(exact)('%s is exactly %d', (input, amount) => {
    expect(parseMoney(input)).toEqual({ kind: 'amount', amount });
  });

  it.each(asks)('%s asks back (%s)', (input, reason, candidates) => {
    const reading = parseMoney(input);
    expect(reading.kind).toBe('ask');
    if (reading.kind !== 'ask') return;
    expect(reading.reason).toBe(reason);
    expect(reading.candidates).toEqual(candidates);
  });

  it('has at least 40 real-world inputs', () => {
    expect(exact.length + asks.length).toBeGreaterThanOrEqual(40);
  });
});
