import { areaKey } from '../domain/regions/contact-area.js';
import type { Database } from '../storage/database.js';
import { readCsv } from './csv/read-csv.js';
import type { ImportOptions } from './import-options.js';
import { CONTACT_COLUMNS, contactRowSchema } from './rows/contact-row.js';
import { parseUniqueRows } from './rows/parse-unique-rows.js';
import { emptyReport, sortRejected, type ValidationReport } from './validation-report.js';
import { addOutcome } from './writing/batch-outcome.js';
import { runInBatches } from './writing/run-in-batches.js';
import { writeContactBatch } from './writing/write-contact-batch.js';

/**
 * Imports the Dinas Sosial contact points KPM are shown (columns
 * wilayah,nama,telepon,whatsapp,alamat), upserting by area; areas not in the file are left
 * alone. Throws CsvFormatError when the file cannot be read at all.
 */
export async function importContacts(db: Pick<Database, 'prisma'>, csv: string, options: ImportOptions = {}): Promise<ValidationReport> {
  const report = emptyReport('contacts');
  const content = readCsv(csv, CONTACT_COLUMNS);
  report.read = content.rows.length + content.rejected.length;
  report.rejected.push(...content.rejected);

  const valid = parseUniqueRows(content.rows, contactRowSchema, (cells) => areaKey(cells.wilayah), report);

  await runInBatches(
    db.prisma,
    valid,
    options,
    { alreadyDone: report.read - valid.length, total: report.read, rejected: () => report.rejected.length },
    writeContactBatch,
    (outcome) => addOutcome(report, outcome),
  );
  return sortRejected(report);
}
