import { describe, expect, it } from 'vitest';
import { graduationVerdict, type MonthlyProfit } from '../../src/graduation/graduation-rule.js';
import { monthOf, monthsBetween, previousMonth } from '../../src/graduation/report-month.js';

// Kota Serang's UMK in sen: 2025 Rp4.418.261,13, 2026 Rp4.665.927,94.
const SERANG: Record<number, bigint> = { 2025: 441_826_113n, 2026: 466_592_794n };
const wage = (year: number) => SERANG[year];
const months = (entries: [string, number | null][]): MonthlyProfit[] => entries.map(([month, profit]) => ({ month, profit }));

describe('graduationVerdict', () => {
  it('marks three consecutive months at or above the UMK', () => {
    const verdict = graduationVerdict(months([['2026-03', 4_700_000], ['2026-04', 4_665_928], ['2026-05', 5_000_000]]), wage);
    expect(verdict).toEqual({ candidate: true, streak: ['2026-03', '2026-04', '2026-05'], missingWageYears: [] });
  });

  it('counts a profit exactly at the UMK but not one rupiah short (sen rounded up against the KPM)', () => {
    // 4.665.927 is below Rp4.665.927,94; 4.665.928 reaches it.
    expect(graduationVerdict(months([['2026-03', 4_665_928], ['2026-04', 4_665_928], ['2026-05', 4_665_928]]), wage).candidate).toBe(true);
    expect(graduationVerdict(months([['2026-03', 4_665_928], ['2026-04', 4_665_927], ['2026-05', 4_665_928]]), wage).candidate).toBe(false);
  });

  it('is not a candidate with only two months', () => {
    const verdict = graduationVerdict(months([['2026-04', 6_000_000], ['2026-05', 6_000_000]]), wage);
    expect(verdict.candidate).toBe(false);
    expect(verdict.streak).toEqual(['2026-04', '2026-05']);
  });

  it('breaks the run at a month without a report (a gap), however high the figures', () => {
    const verdict = graduationVerdict(months([['2026-01', 9_000_000], ['2026-02', 9_000_000], ['2026-04', 9_000_000], ['2026-05', 9_000_000]]), wage);
    expect(verdict.candidate).toBe(false);
    expect(verdict.streak).toEqual(['2026-04', '2026-05']);
  });

  it('counts back from the latest report: an old run followed by a poor month no longer counts', () => {
    const verdict = graduationVerdict(months([['2026-01', 9_000_000], ['2026-02', 9_000_000], ['2026-03', 9_000_000], ['2026-04', 1_000_000]]), wage);
    expect(verdict).toEqual({ candidate: false, streak: [], missingWageYears: [] });
  });

  it('judges each month against its own year across the UMK year change', () => {
    // 4.500.000 reaches 2025's Rp4.418.261,13 but not 2026's Rp4.665.927,94.
    expect(graduationVerdict(months([['2025-11', 4_500_000], ['2025-12', 4_500_000], ['2026-01', 4_700_000]]), wage)).toEqual({
      candidate: true,
      streak: ['2025-11', '2025-12', '2026-01'],
      missingWageYears: [],
    });
    const verdict = graduationVerdict(months([['2025-11', 4_500_000], ['2025-12', 4_500_000], ['2026-01', 4_500_000]]), wage);
    expect(verdict.candidate).toBe(false);
    expect(verdict.streak).toEqual([]);
  });

  it('does not guess when the year has no UMK yet, and says which year is missing', () => {
    const verdict = graduationVerdict(months([['2026-11', 9_000_000], ['2026-12', 9_000_000], ['2027-01', 9_000_000]]), wage);
    expect(verdict).toEqual({ candidate: false, streak: [], missingWageYears: [2027] });
  });

  it('treats a closed month or a missing figure as not reached', () => {
    expect(graduationVerdict(months([['2026-03', 9_000_000], ['2026-04', null], ['2026-05', 9_000_000]]), wage).candidate).toBe(false);
  });

  it('uses the last of two reports for one month (a replaced report), in any input order', () => {
    const verdict = graduationVerdict(months([['2026-05', 9_000_000], ['2026-03', 9_000_000], ['2026-04', 1_000], ['2026-04', 9_000_000]]), wage);
    expect(verdict.candidate).toBe(true);
  });

  it('handles losses and no reports at all', () => {
    expect(graduationVerdict(months([['2026-03', -500_000]]), wage).candidate).toBe(false);
    expect(graduationVerdict([], wage)).toEqual({ candidate: false, streak: [], missingWageYears: [] });
  });

  it('accepts bigint profits', () => {
    expect(graduationVerdict([{ month: '2026-03', profit: 5_000_000n }, { month: '2026-04', profit: 5_000_000n }, { month: '2026-05', profit: 5_000_000n }], wage).candidate).toBe(true);
  });
});

describe('report months', () => {
  it('steps back over the year boundary and lists ranges', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });

  it('reads the month in WIB: 31 January 20:00 UTC is already February in Banten', () => {
    expect(monthOf(new Date('2026-01-31T20:00:00Z'))).toBe('2026-02');
    expect(monthOf(new Date('2026-01-31T16:59:00Z'))).toBe('2026-01');
  });
});
