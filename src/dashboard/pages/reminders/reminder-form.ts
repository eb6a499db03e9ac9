import { z } from 'zod';
import type { IndonesianTimeZone } from '../../../domain/regions/time-zone.js';
import { instantOfLocal as instantOf } from '../../../domain/local-time.js';
import { recurrenceSpecSchema, type RecurrenceSpec } from '../../../proactive/recurrence.js';
import { DATE, TIME, targetFieldsSchema } from '../broadcasts/broadcast-form.js';

/** The kinds of rule the form offers; 'cron' is operators' only. */
export const RULE_KINDS = ['once', 'daily', 'weekly', 'monthly', 'cron', 'after-stage', 'before-session'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const many = (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
const text = (pattern: RegExp) => z.union([z.literal(''), z.string().regex(pattern)]).optional().default('');
const number = (min: number, max: number) => z.union([z.literal(''), z.coerce.number().int().min(min).max(max)]).optional().default('');

/**
 * The Pengingat form as posted: the message, the kind of schedule and the fields it uses (the
 * others may come empty), and the target fields shared with Pengumuman. Date and time are the
 * wall clock of the target's zone (WIB/WITA/WIT).
 */
export const reminderFormSchema = targetFieldsSchema.extend({
  /** The form's one-time token: a double submit makes one rule. */
  requestKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  text: z.string().trim().min(1).max(2000),
  kind: z.enum(RULE_KINDS),
  date: text(DATE),
  time: text(TIME),
  days: z.preprocess(many, z.array(z.coerce.number().int().min(0).max(6)).max(7)),
  dayOfMonth: number(1, 31),
  cron: z.string().trim().max(100).optional().default(''),
  offsetDays: number(1, 366),
  /** "PROGRAM/stage" of the stage an 'after-stage' rule counts from. */
  stage: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9_-]{1,50}\/[A-Za-z0-9_-]{1,50}$/)]).optional().default(''),
});
export type ReminderForm = z.infer<typeof reminderFormSchema>;

/** Why a form's schedule is refused: each has its own polite message (reminders.problems.*). */
export type ScheduleProblem = 'date' | 'time' | 'days' | 'dayOfMonth' | 'cron' | 'offset' | 'stage';

/** The form's schedule as a recurrence, read in `zone`; or which field is missing or wrong. */
export function recurrenceOfForm(form: ReminderForm, zone: IndonesianTimeZone): { ok: true; spec: RecurrenceSpec } | { ok: false; problem: ScheduleProblem } {
  const needTime = form.kind !== 'cron';
  if (needTime && !form.time) return { ok: false, problem: 'time' };
  let spec: RecurrenceSpec;
  switch (form.kind) {
    case 'once': {
      const at = form.date ? instantOf(`${form.date}T${form.time}`, zone) : null;
      if (!at) return { ok: false, problem: 'date' };
      spec = { kind: 'once', at: at.toISOString() };
      break;
    }
    case 'daily':
      spec = { kind: 'daily', time: form.time };
      break;
    case 'weekly':
      if (form.days.length === 0) return { ok: false, problem: 'days' };
      spec = { kind: 'weekly', days: [...new Set(form.days)].sort(), time: form.time };
      break;
    case 'monthly':
      if (form.dayOfMonth === '') return { ok: false, problem: 'dayOfMonth' };
      spec = { kind: 'monthly', day: form.dayOfMonth, time: form.time };
      break;
    case 'cron':
      spec = { kind: 'cron', expression: form.cron };
      break;
    case 'after-stage': {
      if (form.offsetDays === '') return { ok: false, problem: 'offset' };
      const [programCode, stageCode] = form.stage.split('/');
      if (!programCode || !stageCode) return { ok: false, problem: 'stage' };
      spec = { kind: 'relative', anchor: { type: 'stage', programCode, stageCode }, offsetDays: form.offsetDays, time: form.time };
      break;
    }
    case 'before-session':
      if (form.offsetDays === '') return { ok: false, problem: 'offset' };
      spec = { kind: 'relative', anchor: { type: 'session' }, offsetDays: -form.offsetDays, time: form.time };
      break;
  }
  // The library's own check (a cron expression croner can read, fields in range).
  if (!recurrenceSpecSchema.safeParse(spec).success) return { ok: false, problem: form.kind === 'cron' ? 'cron' : 'time' };
  return { ok: true, spec };
}
