import { describe, expect, it } from 'vitest';
import { periodOf, periodToDate, previousPeriod, reportablePeriods } from '../../src/business-reports/report-period.js';
import { isReportReference, newReportReference } from '../../src/business-reports/reference-number.js';

describe('report periods', () => {
  it('the month is the KPM’s local month, not UTC’s', () => {
    // 31 Oct 20:00 UTC is already 1 November in Jakarta (UTC+7) and Jayapura (UTC+9).
    expect(periodOf(new Date('2026-10-31T20:00:00Z'), 'Asia/Jakarta')).toBe('2026-11');
    expect(periodOf(new Date('2026-10-31T16:00:00Z'), 'Asia/Jakarta')).toBe('2026-10');
    expect(periodOf(new Date('2026-10-31T15:30:00Z'), 'Asia/Jayapura')).toBe('2026-11');
  });

  it('the previous month crosses the year', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(periodToDate('2026-03').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('the previous month may be reported until the configured day', () => {
    expect(reportablePeriods(new Date('2026-12-05T10:00:00Z'), 'Asia/Jakarta', 5)).toEqual(['2026-12', '2026-11']);
    expect(reportablePeriods(new Date('2026-12-06T10:00:00Z'), 'Asia/Jakarta', 5)).toEqual(['2026-12']);
    expect(reportablePeriods(new Date('2026-12-01T10:00:00Z'), 'Asia/Jakarta', 0)).toEqual(['2026-12']);
  });

  it('references are short and avoid look-alike characters', () => {
    const reference = newReportReference();
    expect(isReportReference(reference)).toBe(true);
    expect(reference.slice(3)).not.toMatch(/[01ILOU]/);
    expect(newReportReference(() => 0)).toBe('LU-222222');
  });
});
