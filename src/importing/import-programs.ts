import type { Database } from '../storage/database.js';
import { readCsv } from './csv/read-csv.js';
import type { ImportOptions } from './import-options.js';
import { groupProgramRows, type ProgramGroup } from './rows/group-program-rows.js';
import { parseRow } from './rows/parse-row.js';
import { PROGRAM_COLUMNS, programRowSchema, type ProgramRow } from './rows/program-row.js';
import { emptyReport, rejectRow, sortRejected, type ValidationReport } from './validation-report.js';
import { addOutcome, emptyOutcome } from './writing/batch-outcome.js';
import { inImportTransaction } from './writing/in-import-transaction.js';
import type { Numbered } from './writing/numbered.js';
import { writeProgramStages } from './writing/write-program-stages.js';

/**
 * Imports programs and their ordered stages from CSV text (one row per stage: columns
 * program,nama_program,nama_program_en,urutan,tahap,label,label_en). Each program in the file
 * gets exactly the stages listed; programs not in the file are left alone. All programs are
 * written in one transaction. Throws CsvFormatError when the file cannot be read at all.
 */
export async function importPrograms(
  db: Pick<Database, 'prisma'>,
  csv: string,
  options: ImportOptions = {},
): Promise<ValidationReport> {
  const report = emptyReport('programs');
  const content = readCsv(csv, PROGRAM_COLUMNS);
  report.read = content.rows.length + content.rejected.length;
  report.rejected.push(...content.rejected);
  // A row that cannot be split into columns cannot be tied to a program: it blocks them all.
  const unreadableLine = content.rejected[0]?.line;

  const refusedPrograms = new Map<string, number>();
  const valid: Numbered<ProgramRow>[] = [];
  for (const { line, cells } of content.rows) {
    const parsed = parseRow(programRowSchema, cells);
    if (parsed.ok) {
      valid.push({ line, row: parsed.value });
      continue;
    }
    rejectRow(report, line, parsed.reasons);
    if (!refusedPrograms.has(cells.program)) refusedPrograms.set(cells.program, line);
  }
  const { groups, rejected } = groupProgramRows(valid, refusedPrograms);
  report.rejected.push(...rejected);

  const writable: ProgramGroup[] = [];
  for (const group of groups) {
    const brokenLine = group.brokenLine ?? unreadableLine;
    if (brokenLine === undefined) writable.push(group);
    else {
      const reason = { code: 'program-not-changed' as const, program: group.code, line: brokenLine };
      for (const { line } of group.rows) rejectRow(report, line, [reason]);
    }
  }

  await options.onProgress?.({ done: 0, total: report.read, rejected: report.rejected.length });
  const outcome = await inImportTransaction(db.prisma, options, async (tx) => {
    const total = emptyOutcome();
    for (const group of writable) {
      addOutcome(total, await writeProgramStages(tx, group.code, group.rows));
    }
    return total;
  });
  addOutcome(report, outcome);
  await options.onProgress?.({ done: report.read, total: report.read, rejected: report.rejected.length });
  return sortRejected(report);
}
