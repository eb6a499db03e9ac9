import { describe, expect, it } from 'vitest';
import { formatWageSen, parseWageSen, reachesWage } from '../../src/wages/wage-amount.js';

describe('parseWageSen', () => {
  it.each([
    ['Rp5.469.922,59', 546_992_259n],
    ['Rp 3.360.078,06', 336_007_806n],
    ['5.210.377', 521_037_700n],
    ['5210377', 521_037_700n],
    ['4418261,13', 441_826_113n],
    ['4.418.261,1', 441_826_110n],
    ['Rp500.000,-', 50_000_000n],
  ])('reads %s', (raw, sen) => {
    expect(parseWageSen(raw)).toBe(sen);
  });

  it.each(['', '0', 'lima juta', '5,469,922.59', '5.46.922', '5469922,599', '-5000000', '5.469.922.59'])('refuses %j', (raw) => {
    expect(parseWageSen(raw)).toBeUndefined();
  });
});

describe('formatWageSen and reachesWage', () => {
  it('writes sen only when there are any', () => {
    expect(formatWageSen(546_992_259n)).toBe('Rp5.469.922,59');
    expect(formatWageSen(521_037_700n)).toBe('Rp5.210.377');
    expect(formatWageSen(336_007_806n)).toBe('Rp3.360.078,06');
  });

  it('compares whole-rupiah profit with a wage in sen', () => {
    expect(reachesWage(5_469_923, 546_992_259n)).toBe(true);
    expect(reachesWage(5_469_922, 546_992_259n)).toBe(false);
    expect(reachesWage(5_210_377n, 521_037_700n)).toBe(true);
  });
});
