import { z } from 'zod';
import { pastCalendarDate } from '../importing/fields/calendar-date.js';
import { codeField } from '../importing/fields/code-field.js';
import { field, optionalField } from '../importing/fields/field.js';
import { rupiahField } from '../importing/fields/rupiah-amount.js';
import { optionalText } from '../importing/fields/text-field.js';
import type { RejectionReason } from '../importing/rejection-reason.js';

/** The stage form as posted: every field a string, as typed (the stages file's columns, by form name). */
export interface StageForm {
  program: string;
  stage: string;
  /** YYYY-MM-DD, not after today in WIB. */
  date: string;
  /** Whole rupiah ("3500000", "3.500.000", "Rp3.500.000") or empty. */
  amount: string;
  channel: string;
  place: string;
  note: string;
}

export type StageFormField = keyof StageForm;

/** One reason per refused field, worded by the page from locales like the import report's reasons. */
export type StageFieldErrors = Partial<Record<StageFormField, RejectionReason>>;

/** The checks of the stages import (src/importing/fields), one per form field. */
export function stageFormSchema(now: Date) {
  return z
    .object({
      program: field(codeField('program')),
      stage: field(codeField('stage')),
      date: field(pastCalendarDate(now)),
      amount: optionalField(rupiahField),
      channel: field(optionalText('channel')),
      place: field(optionalText('place')),
      note: field(optionalText('note', 500)),
    })
    .transform((form) => ({
      programCode: form.program,
      stageCode: form.stage,
      occurredOn: form.date,
      amount: form.amount,
      channel: form.channel,
      place: form.place,
      note: form.note,
    }));
}

export type StageFormValues = z.output<ReturnType<typeof stageFormSchema>>;

/** Validates a posted form: the values, or the reason of each field that failed. */
export function parseStageForm(
  form: StageForm,
  now: Date,
): { ok: true; value: StageFormValues } | { ok: false; errors: StageFieldErrors } {
  const cells = Object.fromEntries(Object.entries(form).map(([name, value]) => [name, String(value ?? '').trim()]));
  const parsed = stageFormSchema(now).safeParse(cells);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: StageFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path[0] as StageFormField;
    const reason = (issue as { params?: { reason?: RejectionReason } }).params?.reason;
    errors[name] ??= reason ?? { code: 'required', column: String(name) };
  }
  return { ok: false, errors };
}
