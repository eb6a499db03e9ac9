import type { Database } from '../storage/database.js';
import { checkProgramStage, loadProgramCatalog } from './catalog/program-catalog.js';
import { readCsv } from './csv/read-csv.js';
import type { ImportOptions } from './import-options.js';
import { parseRow } from './rows/parse-row.js';
import { STAGE_COLUMNS, stageRowSchema, type StageRow } from './rows/stage-row.js';
import { emptyReport, rejectRow, sortRejected, type ValidationReport } from './validation-report.js';
import { addOutcome } from './writing/batch-outcome.js';
import type { Numbered } from './writing/numbered.js';
import { runInBatches } from './writing/run-in-batches.js';
import { writeStageBatch } from './writing/write-stage-batch.js';

/**
 * Imports stage events from CSV text (columns nik,program,tahap,tanggal,nominal,keterangan and
 * optional saluran,lokasi), upserting by (KPM, program, stage). Programs and stages must be
 * defined and the KPM imported first. When saluran or lokasi is not a column of the file, the
 * stored channel or place is kept. Throws CsvFormatError when the file cannot be read at all.
 */
export async function importStages(
  db: Pick<Database, 'prisma'>,
  csv: string,
  options: ImportOptions = {},
): Promise<ValidationReport> {
  const report = emptyReport('stages');
  const content = readCsv(csv, STAGE_COLUMNS);
  report.read = content.rows.length + content.rejected.length;
  report.rejected.push(...content.rejected);

  const absent = { channel: !content.present.has('saluran'), place: !content.present.has('lokasi') };
  const catalog = await loadProgramCatalog(options.transaction ?? db.prisma);
  const schema = stageRowSchema(options.now ?? new Date());
  const firstLineByKey = new Map<string, number>();
  const valid: Numbered<StageRow>[] = [];
  for (const { line, cells } of content.rows) {
    const parsed = parseRow(schema, cells);
    if (!parsed.ok) {
      rejectRow(report, line, parsed.reasons);
      continue;
    }
    const row = parsed.value;
    const unknown = checkProgramStage(catalog, row.programCode, row.stageCode);
    if (unknown) {
      rejectRow(report, line, [unknown]);
      continue;
    }
    const key = `${row.nik}\u0000${row.programCode}\u0000${row.stageCode}`;
    const firstLine = firstLineByKey.get(key);
    if (firstLine !== undefined) {
      rejectRow(report, line, [{ code: 'duplicate', firstLine }]);
      continue;
    }
    firstLineByKey.set(key, line);
    valid.push({ line, row });
  }

  await runInBatches(
    db.prisma,
    valid,
    options,
    { alreadyDone: report.read - valid.length, total: report.read, rejected: () => report.rejected.length },
    (tx, batch) => writeStageBatch(tx, batch, absent),
    (outcome) => addOutcome(report, outcome),
  );
  return sortRejected(report);
}
