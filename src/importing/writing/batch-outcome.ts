import type { RejectedRow, ValidationReport } from '../validation-report.js';

/** What one committed batch did; added to the report only once the batch is committed. */
export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: RejectedRow[];
}

export function emptyOutcome(): BatchOutcome {
  return { created: 0, updated: 0, unchanged: 0, removed: 0, rejected: [] };
}

/** Adds a batch's counts to a report (or to a running total of batches). */
export function addOutcome(target: BatchOutcome | ValidationReport, outcome: BatchOutcome): void {
  target.created += outcome.created;
  target.updated += outcome.updated;
  target.unchanged += outcome.unchanged;
  target.removed += outcome.removed;
  target.rejected.push(...outcome.rejected);
}
