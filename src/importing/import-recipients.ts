import { stripNikSeparators } from '../domain/nik/strip-nik-separators.js';
import type { Database } from '../storage/database.js';
import { readCsv } from './csv/read-csv.js';
import { withoutTextMark } from './fields/without-text-mark.js';
import type { ImportOptions } from './import-options.js';
import { parseRow } from './rows/parse-row.js';
import { RECIPIENT_COLUMNS, recipientRowSchema, type RecipientRow } from './rows/recipient-row.js';
import { emptyReport, rejectRow, sortRejected, type ValidationReport } from './validation-report.js';
import { addOutcome } from './writing/batch-outcome.js';
import type { Numbered } from './writing/numbered.js';
import { runInBatches } from './writing/run-in-batches.js';
import { writeRecipientBatch } from './writing/write-recipient-batch.js';

/**
 * Imports KPM from CSV text (columns nik,nama,no_kk,telepon,kabupaten_kota,kecamatan,desa),
 * upserting by NIK. Throws CsvFormatError when the file cannot be read at all.
 */
export async function importRecipients(
  db: Pick<Database, 'prisma'>,
  csv: string,
  options: ImportOptions = {},
): Promise<ValidationReport> {
  const report = emptyReport('recipients');
  const content = readCsv(csv, RECIPIENT_COLUMNS);
  report.read = content.rows.length + content.rejected.length;
  report.rejected.push(...content.rejected);

  const schema = recipientRowSchema(options.now ?? new Date());
  const firstLineByNik = new Map<string, number>();
  const valid: Numbered<RecipientRow>[] = [];
  for (const { line, cells } of content.rows) {
    // Keyed on the cell itself, so a repeated NIK is caught even when its first row has other errors.
    const nikKey = stripNikSeparators(withoutTextMark(cells.nik));
    const firstLine = nikKey === '' ? undefined : firstLineByNik.get(nikKey);
    if (firstLine !== undefined) {
      rejectRow(report, line, [{ code: 'duplicate', firstLine }]);
      continue;
    }
    if (nikKey !== '') firstLineByNik.set(nikKey, line);
    const parsed = parseRow(schema, cells);
    if (parsed.ok) valid.push({ line, row: parsed.value });
    else rejectRow(report, line, parsed.reasons);
  }

  await runInBatches(
    db.prisma,
    valid,
    options,
    { alreadyDone: report.read - valid.length, total: report.read },
    writeRecipientBatch,
    (outcome) => addOutcome(report, outcome),
  );
  return sortRejected(report);
}
