import { z } from 'zod';
import type { RejectionReason } from '../rejection-reason.js';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: RejectionReason };

export const accept = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const refuse = (reason: RejectionReason): FieldResult<never> => ({ ok: false, reason });

/**
 * A zod schema for one trimmed CSV cell, built from a plain check. The refusal travels in the
 * issue's params so the row can be reported with a structured reason, not zod's English text.
 */
export function field<T>(check: (raw: string) => FieldResult<T>) {
  return z.string().transform((raw, ctx) => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', input: raw, message: result.reason.code, params: { reason: result.reason } });
    return z.NEVER;
  });
}

/** An optional cell: empty means "none" (stored as null), anything else must pass the check. */
export function optionalField<T>(check: (raw: string) => FieldResult<T>) {
  return field<T | null>((raw) => (raw === '' ? accept(null) : check(raw)));
}
