import { Cron } from 'croner';
import { z } from 'zod';
import { indonesianZoneOr, localParts } from '../domain/local-time.js';

/**
 * When a reminder rule fires, as wall-clock times in the rule's zone ('HH:MM', 24-hour).
 * - once: one instant (ISO 8601 with offset). In the past when created: never fires.
 * - daily / weekly (days: 0 = Sunday … 6 = Saturday) / monthly (day 1–31; 29–31 fall on the
 *   month's last day in shorter months).
 * - cron: a 5-field expression (operators only), read in the rule's zone.
 * - relative: to a date in the data, checked daily at `time`: fires for each KPM whose anchor
 *   date + offsetDays is that local date (e.g. 7 days after stage `modal-disalurkan`). The
 *   occurrence key of such a fire is the anchor date, so a KPM gets each anchor's reminder once.
 *   Anchors: a stage a KPM reached (offsetDays > 0: N days after), or the start date of a
 *   scheduled mentoring session they are invited to (offsetDays < 0: N days before).
 */
export type RecurrenceSpec =
  | { kind: 'once'; at: string }
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; days: number[]; time: string }
  | { kind: 'monthly'; day: number; time: string }
  | { kind: 'cron'; expression: string }
  | { kind: 'relative'; anchor: RelativeAnchor; offsetDays: number; time: string };

/**
 * A date in the data a relative rule counts from. `stage`: the day a KPM reached a program
 * stage. `session`: the local start date of a scheduled mentoring session the KPM is invited to.
 */
export type RelativeAnchor = { type: 'stage'; programCode: string; stageCode: string } | { type: 'session' };

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const recurrenceSpecSchema: z.ZodType<RecurrenceSpec> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: z.string().datetime({ offset: true }) }),
  z.object({ kind: z.literal('daily'), time }),
  z.object({ kind: z.literal('weekly'), days: z.array(z.number().int().min(0).max(6)).min(1).max(7), time }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31), time }),
  z.object({ kind: z.literal('cron'), expression: z.string().min(9).max(100).refine(isValidCron, 'a 5-field cron expression') }),
  z.object({
    kind: z.literal('relative'),
    anchor: z.discriminatedUnion('type', [
      z.object({ type: z.literal('stage'), programCode: z.string().min(1), stageCode: z.string().min(1) }),
      z.object({ type: z.literal('session') }),
    ]),
    offsetDays: z.number().int().min(-366).max(366),
    time,
  }),
]) as z.ZodType<RecurrenceSpec>;

function isValidCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true, mode: '5-part' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first occurrence strictly after `after`, or null when there is none. A rule's first
 * occurrence is `nextOccurrence(spec, zone, createdAt)`: a Tuesday/Friday rule created on a
 * Sunday first fires on Tuesday. Advancing past `now` (not past the last fire) skips every
 * occurrence already gone, so none is ever sent late in a burst.
 */
export function nextOccurrence(spec: RecurrenceSpec, zone: string, after: Date): Date | null {
  switch (spec.kind) {
    case 'once': {
      const at = new Date(spec.at);
      return at.getTime() > after.getTime() ? at : null;
    }
    case 'daily':
    case 'relative':
      return cronNext(`${minute(spec.time)} ${hour(spec.time)} * * *`, zone, after);
    case 'weekly':
      return cronNext(`${minute(spec.time)} ${hour(spec.time)} * * ${[...new Set(spec.days)].sort().join(',')}`, zone, after);
    case 'monthly':
      return monthlyNext(spec.day, spec.time, zone, after);
    case 'cron':
      return cronNext(spec.expression, zone, after);
  }
}

function cronNext(pattern: string, zone: string, after: Date): Date | null {
  return new Cron(pattern, { paused: true, timezone: zone, mode: '5-part', domAndDow: true }).nextRun(after);
}

/** Day 29–31 in a shorter month: that month's last day. */
function monthlyNext(day: number, clock: string, zone: string, after: Date): Date | null {
  if (day <= 28) return cronNext(`${minute(clock)} ${hour(clock)} ${day} * *`, zone, after);
  const cron = new Cron(`${minute(clock)} ${hour(clock)} 28-31 * *`, { paused: true, timezone: zone, mode: '5-part' });
  let from: Date | null = after;
  for (let guard = 0; guard < 8 && from; guard += 1) {
    const run: Date | null = cron.nextRun(from);
    if (!run) return null;
    const { year, month, day: dayOfMonth } = localParts(run, indonesianZoneOr(zone));
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (dayOfMonth === Math.min(day, last)) return run;
    from = run;
  }
  return null;
}

const hour = (clock: string) => Number(clock.slice(0, 2));
const minute = (clock: string) => Number(clock.slice(3, 5));
