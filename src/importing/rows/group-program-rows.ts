import type { RejectedRow } from '../validation-report.js';
import type { Numbered } from '../writing/numbered.js';
import type { ProgramRow } from './program-row.js';

export interface ProgramGroup {
  code: string;
  rows: Numbered<ProgramRow>[];
  /** The first line of this program that was refused; then the program is left as it is. */
  brokenLine?: number;
}

/**
 * Groups valid rows by program and checks them against each other: a stage code or position
 * used twice, or program names that differ between rows, refuse the later row. A program
 * with any refused row is marked broken: applying part of its list would drop stages.
 */
export function groupProgramRows(valid: Numbered<ProgramRow>[], refusedPrograms: Map<string, number>) {
  const groups = new Map<string, ProgramGroup>();
  const rejected: RejectedRow[] = [];
  for (const item of valid) {
    const { line, row } = item;
    const group = groups.get(row.programCode) ?? { code: row.programCode, rows: [] };
    groups.set(row.programCode, group);
    const [first] = group.rows;
    const sameStage = group.rows.find((other) => other.row.stageCode === row.stageCode);
    const samePosition = group.rows.find((other) => other.row.position === row.position);
    if (sameStage) rejected.push({ line, reasons: [{ code: 'duplicate', firstLine: sameStage.line }] });
    else if (samePosition) {
      rejected.push({ line, reasons: [{ code: 'duplicate-position', firstLine: samePosition.line }] });
    } else if (first && (first.row.nameId !== row.nameId || first.row.nameEn !== row.nameEn)) {
      rejected.push({ line, reasons: [{ code: 'program-name-mismatch', firstLine: first.line }] });
    } else {
      group.rows.push(item);
      continue;
    }
    group.brokenLine = Math.min(group.brokenLine ?? line, line);
  }
  for (const [code, line] of refusedPrograms) {
    const group = groups.get(code);
    if (group) group.brokenLine = Math.min(group.brokenLine ?? line, line);
  }
  return { groups: [...groups.values()], rejected };
}
