import { describe, expect, it } from 'vitest';
import { nextOccurrence, recurrenceSpecSchema, type RecurrenceSpec } from '../../src/proactive/recurrence.js';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

/** Every occurrence from `from` for `count` fires, each computed from the one before. */
function runs(spec: RecurrenceSpec, zone: string, from: string, count: number): string[] {
  const out: string[] = [];
  let at: Date | null = new Date(from);
  for (let i = 0; i < count && at; i += 1) {
    at = nextOccurrence(spec, zone, at);
    if (at) out.push(at.toISOString());
  }
  return out;
}

describe('recurrence', () => {
  it('a Tuesday/Friday rule created on a Sunday first fires on Tuesday, then keeps its days across weeks', () => {
    // Sunday 2026-11-29 10:00 WIB.
    const fires = runs({ kind: 'weekly', days: [2, 5], time: '09:00' }, WIB, '2026-11-29T03:00:00Z', 5);
    expect(fires).toEqual([
      '2026-12-01T02:00:00.000Z', // Tue 09:00 WIB
      '2026-12-04T02:00:00.000Z', // Fri
      '2026-12-08T02:00:00.000Z',
      '2026-12-11T02:00:00.000Z',
      '2026-12-15T02:00:00.000Z',
    ]);
  });

  it('a daily rule created after its time first fires tomorrow, in the rule\'s zone', () => {
    // 09:30 WITA on 1 Dec: 09:00 has passed today.
    expect(runs({ kind: 'daily', time: '09:00' }, WITA, '2026-12-01T01:30:00Z', 2)).toEqual([
      '2026-12-02T01:00:00.000Z',
      '2026-12-03T01:00:00.000Z',
    ]);
    expect(runs({ kind: 'daily', time: '07:00' }, WIT, '2026-12-01T00:00:00Z', 1)).toEqual(['2026-12-01T22:00:00.000Z']);
  });

  it('monthly on the 31st falls on the last day of shorter months, across the year end and February', () => {
    const fires = runs({ kind: 'monthly', day: 31, time: '08:00' }, WIB, '2026-11-01T00:00:00Z', 5);
    expect(fires).toEqual([
      '2026-11-30T01:00:00.000Z',
      '2026-12-31T01:00:00.000Z',
      '2027-01-31T01:00:00.000Z',
      '2027-02-28T01:00:00.000Z',
      '2027-03-31T01:00:00.000Z',
    ]);
    expect(runs({ kind: 'monthly', day: 15, time: '08:00' }, WIB, '2026-12-15T02:00:00Z', 2)).toEqual([
      '2027-01-15T01:00:00.000Z',
      '2027-02-15T01:00:00.000Z',
    ]);
  });

  it('a one-off in the past never fires; one in the future fires once', () => {
    expect(nextOccurrence({ kind: 'once', at: '2026-12-01T09:00:00+07:00' }, WIB, new Date('2026-12-02T00:00:00Z'))).toBeNull();
    const spec: RecurrenceSpec = { kind: 'once', at: '2026-12-01T09:00:00+07:00' };
    expect(runs(spec, WIB, '2026-11-30T00:00:00Z', 3)).toEqual(['2026-12-01T02:00:00.000Z']);
  });

  it('a cron expression is read in the rule\'s zone', () => {
    // Weekdays at 16:30 WIT.
    expect(runs({ kind: 'cron', expression: '30 16 * * 1-5' }, WIT, '2026-12-04T00:00:00Z', 2)).toEqual([
      '2026-12-04T07:30:00.000Z', // Fri
      '2026-12-07T07:30:00.000Z', // Mon
    ]);
  });

  it('refuses malformed rules at the door', () => {
    expect(recurrenceSpecSchema.safeParse({ kind: 'cron', expression: 'every day please' }).success).toBe(false);
    expect(recurrenceSpecSchema.safeParse({ kind: 'daily', time: '25:00' }).success).toBe(false);
    expect(recurrenceSpecSchema.safeParse({ kind: 'weekly', days: [], time: '09:00' }).success).toBe(false);
    expect(recurrenceSpecSchema.safeParse({ kind: 'weekly', days: [1], time: '09:00' }).success).toBe(true);
  });
});
