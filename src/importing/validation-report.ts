import type { RejectionReason } from './rejection-reason.js';

export type ImportKind = 'recipients' | 'stages' | 'programs' | 'contacts' | 'groups';

/** One row the import refused, by its line in the file (header = line 1). Never holds row data. */
export interface RejectedRow {
  line: number;
  reasons: RejectionReason[];
}

/** What an import did, row by row, for the operator's validation report. */
export interface ValidationReport {
  kind: ImportKind;
  /** Data rows read from the file (blank lines are not rows). */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Stages removed from a program's list (programs import only). */
  removed: number;
  rejected: RejectedRow[];
}

export function emptyReport(kind: ImportKind): ValidationReport {
  return { kind, read: 0, created: 0, updated: 0, unchanged: 0, removed: 0, rejected: [] };
}

export function rejectRow(report: ValidationReport, line: number, reasons: RejectionReason[]): void {
  report.rejected.push({ line, reasons });
}

/** Rejections are collected in two passes (reading, then writing); the operator reads them in file order. */
export function sortRejected(report: ValidationReport): ValidationReport {
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
