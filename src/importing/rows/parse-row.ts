import type { z } from 'zod';
import type { RejectionReason } from '../rejection-reason.js';

export type RowResult<T> = { ok: true; value: T } | { ok: false; reasons: RejectionReason[] };

/** Validates one row's cells with its zod schema; every failing column gives one reason. */
export function parseRow<Schema extends z.ZodType>(schema: Schema, cells: unknown): RowResult<z.output<Schema>> {
  const parsed = schema.safeParse(cells);
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues.map((issue): RejectionReason => {
    const reason = (issue as { params?: { reason?: RejectionReason } }).params?.reason;
    // Only our own field checks raise issues (cells are always strings); keep a fallback anyway.
    return reason ?? { code: 'required', column: String(issue.path[0] ?? '?') };
  });
  return { ok: false, reasons };
}
