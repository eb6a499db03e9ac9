import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvFormatError, type CsvFormatProblem } from '../importing/csv/csv-format-error.js';
import { readCsv, type CsvColumns } from '../importing/csv/read-csv.js';
import { importContacts } from '../importing/import-contacts.js';
import { importGroups } from '../importing/import-groups.js';
import { importPrograms } from '../importing/import-programs.js';
import { importRecipients } from '../importing/import-recipients.js';
import { importStages } from '../importing/import-stages.js';
import type { ImportOptions } from '../importing/import-options.js';
import { terminalProgress } from '../importing/progress/terminal-progress.js';
import { CONTACT_COLUMNS } from '../importing/rows/contact-row.js';
import { GROUP_MEMBER_COLUMNS } from '../importing/rows/group-member-row.js';
import { PROGRAM_COLUMNS } from '../importing/rows/program-row.js';
import { RECIPIENT_COLUMNS } from '../importing/rows/recipient-row.js';
import { STAGE_COLUMNS } from '../importing/rows/stage-row.js';
import type { ImportKind, ValidationReport } from '../importing/validation-report.js';
import { createTranslator } from '../i18n/create-translator.js';
import { errorSummary } from '../logging/error-summary.js';
import { openDatabase, type Database } from '../storage/database.js';
import { applyMigrations } from '../storage/migrations/apply-migrations.js';
import { IMPORT_KINDS, importLanguage, importMessages, unknownLanguage } from './import-messages.js';

// npm run import -- recipients|stages|programs|contacts|groups FILE.csv
// Exit 0 when the file was read (even with refused rows), 1 when it could not be imported at all.
// The operator reads Indonesian unless IMPORT_LANGUAGE=en; the wording lives in locales/*/translation.json.

type Importer = (db: Database, csv: string, options: ImportOptions) => Promise<ValidationReport>;

const importers: Record<ImportKind, { run: Importer; columns: CsvColumns<string> }> = {
  recipients: { run: importRecipients, columns: RECIPIENT_COLUMNS },
  stages: { run: importStages, columns: STAGE_COLUMNS },
  programs: { run: importPrograms, columns: PROGRAM_COLUMNS },
  contacts: { run: importContacts, columns: CONTACT_COLUMNS },
  groups: { run: importGroups, columns: GROUP_MEMBER_COLUMNS },
};

async function main(args: string[]): Promise<number> {
  const t = createTranslator();
  const language = importLanguage(process.env.IMPORT_LANGUAGE);
  if (!language) return fail(unknownLanguage(t, process.env.IMPORT_LANGUAGE ?? ''));
  const messages = importMessages(t, language);

  const [kind, file, ...extra] = args;
  if (!kind || !file || extra.length > 0) return fail(messages.usage());
  if (!isImportKind(kind)) return fail(`${messages.unknownKind(kind)}\n${messages.usage()}`);
  const csv = await readFile(file, 'utf8').catch(() => undefined);
  if (csv === undefined) return fail(messages.fileNotFound(file));

  // A wrong header is reported before the database is opened (no ./data created for nothing).
  const { run: runImport, columns } = importers[kind];
  const headerProblem = checkHeader(csv, columns);
  if (headerProblem) return fail(messages.csvProblem(headerProblem, columns));

  const progress = terminalProgress(messages.progressFormat(kind));
  let db: Database | undefined;
  try {
    // Opened like the app does: PostgreSQL at DATABASE_URL, else PGlite under DATA_DIR.
    db = await openDatabase({
      databaseUrl: process.env.DATABASE_URL || undefined,
      dataDir: `${process.env.DATA_DIR || './data'}/pglite`,
    });
    await applyMigrations(db);
    const report = await runImport(db, csv, { onProgress: progress.onProgress });
    progress.stop();
    console.log(messages.formatReport(report, basename(file)));
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof CsvFormatError) return fail(messages.csvProblem(error.problem, columns));
    return fail(messages.importFailed(safeSummary(error)));
  } finally {
    await db?.close();
  }
}

/** Reads the header line alone with the importer's column rules; the problem, if any. */
function checkHeader(csv: string, columns: CsvColumns<string>): CsvFormatProblem | undefined {
  const headerLine = csv.replace(/^\uFEFF/, '').trimStart().split(/\r?\n/, 1)[0] ?? '';
  try {
    readCsv(headerLine, columns);
    return undefined;
  } catch (error) {
    if (error instanceof CsvFormatError) return error.problem;
    throw error;
  }
}

function isImportKind(kind: string): kind is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind);
}

/** Prisma's messages can quote the rows it was given (NIKs, names): show only class and code. */
function safeSummary(error: unknown): string {
  if (error instanceof Error && error.name.startsWith('PrismaClient')) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} (${code})` : error.name;
  }
  return errorSummary(error);
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
