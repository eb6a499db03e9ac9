import { stripNikSeparators } from '../domain/nik/strip-nik-separators.js';
import type { Database } from '../storage/database.js';
import { readCsv } from './csv/read-csv.js';
import { withoutTextMark } from './fields/without-text-mark.js';
import type { ImportOptions } from './import-options.js';
import { parseUniqueRows } from './rows/parse-unique-rows.js';
import { RECIPIENT_COLUMNS, recipientRowSchema } from './rows/recipient-row.js';
import { emptyReport, sortRejected, type ValidationReport } from './validation-report.js';
import { addOutcome } from './writing/batch-outcome.js';
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
  // Keyed on the cell itself, so a repeated NIK is caught even when its first row has other errors.
  const valid = parseUniqueRows(content.rows, schema, (cells) => stripNikSeparators(withoutTextMark(cells.nik)), report);

  await runInBatches(
    db.prisma,
    valid,
    options,
    { alreadyDone: report.read - valid.length, total: report.read, rejected: () => report.rejected.length },
    writeRecipientBatch,
    (outcome) => addOutcome(report, outcome),
  );
  return sortRejected(report);
}
