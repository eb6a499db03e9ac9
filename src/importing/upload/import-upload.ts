import type { Database } from '../../storage/database.js';
import { CsvFormatError } from '../csv/csv-format-error.js';
import type { CsvColumns } from '../csv/read-csv.js';
import { importPrograms } from '../import-programs.js';
import { importRecipients } from '../import-recipients.js';
import { importStages } from '../import-stages.js';
import type { ImportOptions } from '../import-options.js';
import { PROGRAM_COLUMNS } from '../rows/program-row.js';
import { RECIPIENT_COLUMNS } from '../rows/recipient-row.js';
import { STAGE_COLUMNS } from '../rows/stage-row.js';
import type { ValidationReport } from '../validation-report.js';
import type { UploadInput } from './collect-upload.js';
import { readUpload } from './read-upload.js';
import type { UploadLimits } from './upload-limits.js';
import type { UploadProblem } from './upload-problem.js';

export type UploadKind = 'programs' | 'recipients' | 'stages';

/** The importer of each kind and the columns it expects (for wording a header problem). */
export const UPLOAD_IMPORTERS: Record<
  UploadKind,
  { run: (db: Pick<Database, 'prisma'>, csv: string, options: ImportOptions) => Promise<ValidationReport>; columns: CsvColumns<string> }
> = {
  programs: { run: importPrograms, columns: PROGRAM_COLUMNS },
  recipients: { run: importRecipients, columns: RECIPIENT_COLUMNS },
  stages: { run: importStages, columns: STAGE_COLUMNS },
};

export interface UploadImportOptions extends ImportOptions {
  limits?: Partial<UploadLimits>;
}

export type UploadImportResult =
  | { ok: true; format: 'csv' | 'xlsx'; report: ValidationReport }
  | { ok: false; problem: UploadProblem };

/**
 * Imports an uploaded CSV or XLSX file of `kind` with the CLI's importer: the same checks, the
 * same report (row number and reasons per refused row, good rows kept, a re-import changes
 * nothing), progress through `options.onProgress`. A file that cannot be imported at all
 * (too large, not CSV/XLSX, the wrong columns for this kind) gives a problem instead.
 * Database failures are thrown.
 */
export async function importUpload(
  db: Pick<Database, 'prisma'>,
  kind: UploadKind,
  input: UploadInput,
  options: UploadImportOptions = {},
): Promise<UploadImportResult> {
  const { limits, ...importOptions } = options;
  const text = await readUpload(input, limits);
  if (!text.ok) return text;
  try {
    const report = await UPLOAD_IMPORTERS[kind].run(db, text.csv, importOptions);
    return { ok: true, format: text.format, report };
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, problem: { code: 'format', problem: error.problem } };
    throw error;
  }
}
