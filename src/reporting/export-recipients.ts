import type { Writable } from 'node:stream';
import type { Language } from '../../flows/kpm-assistant/contract.js';
import { DEFAULT_TIME_ZONE, localIsoDate } from '../domain/local-time.js';
import { createTranslator, type Translate } from '../i18n/create-translator.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { exportHeaders } from './export-recipients-columns.js';
import { csvExportSink } from './export-recipients-csv.js';
import { exportPages } from './export-recipients-pages.js';
import { xlsxExportSink } from './export-recipients-xlsx.js';
import { ExportCancelled } from './write-with-backpressure.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRecipientsOptions {
  format: ExportFormat;
  language: Language;
  /** Which KPM the reader may see (the caller's role scope); all when absent. */
  scope?: Prisma.RecipientWhereInput;
  /** CSV only; `;` (Excel in an Indonesian locale) by default. */
  delimiter?: ';' | ',';
  /** KPM per database page. */
  pageSize?: number;
  t?: Translate;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** "penerima-2026-11-27.xlsx": the download's name, dated in WIB. */
export function exportFileName(format: ExportFormat, language: Language, now: Date, t: Translate = createTranslator()): string {
  const date = localIsoDate(now, DEFAULT_TIME_ZONE);
  return `${t(language, 'reports:export.fileName', { date })}.${format}`;
}

/**
 * Streams the KPM in `scope` with their current stage per program into `output` as CSV or
 * XLSX, one keyset page at a time with backpressure, then ends `output`. The rows carry full
 * NIKs and names (operators need them): the caller checks the role and audits the export.
 * Returns how many KPM and rows were written. If `output` closes early (a cancelled download)
 * the export stops with ExportCancelled.
 */
export async function exportRecipients(
  db: Pick<Database, 'prisma'>,
  output: Writable,
  options: ExportRecipientsOptions,
): Promise<{ recipients: number; rows: number }> {
  const t = options.t ?? createTranslator();
  const headers = exportHeaders(t, options.language);
  const sink =
    options.format === 'csv'
      ? csvExportSink(output, headers, options.delimiter ?? ';')
      : xlsxExportSink(output, headers, t(options.language, 'reports:export.sheetName'));
  await sink.start();
  let recipients = 0;
  let rows = 0;
  const nik = new Set<string>();
  for await (const page of exportPages(db, options.scope ?? {}, options.language, options.pageSize ?? 2000)) {
    await sink.writeRows(page);
    rows += page.length;
    // Pages never split a KPM, so counting distinct NIKs per page counts KPM.
    for (const row of page) nik.add(row.nik);
    recipients += nik.size;
    nik.clear();
  }
  await sink.finish().catch((error: unknown) => {
    throw output.destroyed ? new ExportCancelled() : error;
  });
  // A writer may buffer the last rows and find the reader gone only when flushing them.
  if (output.destroyed && !output.writableFinished) throw new ExportCancelled();
  return { recipients, rows };
}
