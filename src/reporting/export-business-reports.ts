import type { Writable } from 'node:stream';
import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { RecipientScope } from '../dashboard/access/recipient-scope.js';
import type { Translate } from '../i18n/create-translator.js';
import { allMonthlyReports, type ReportTableRow } from '../report-review/monthly-report-table.js';
import type { ReportFilters } from '../report-review/report-filters.js';
import type { PrismaClient } from '../storage/generated/client.js';
import { csvTableSink, type TableColumn, xlsxTableSink } from './table-sinks.js';
import { ExportCancelled } from './write-with-backpressure.js';

/** One exported report: the month's table row in plain cells, labels in the reader's language. */
export interface ReportExportRow {
  month: string;
  nik: string;
  name: string;
  regency: string;
  district: string;
  village: string;
  group: string | null;
  program: string;
  status: string;
  stopReason: string | null;
  stopNote: string | null;
  sales: number | null;
  profit: number | null;
  familyWorkers: number | null;
  paidWorkers: number | null;
  equipment: string | null;
  problems: string | null;
  photos: number;
  late: string;
  submitted: string;
  candidate: string;
}

const WIDTHS: Record<keyof ReportExportRow, number> = {
  month: 9, nik: 19, name: 28, regency: 20, district: 18, village: 18, group: 22, program: 10, status: 16, stopReason: 20, stopNote: 30,
  sales: 14, profit: 14, familyWorkers: 10, paidWorkers: 10, equipment: 20, problems: 40, photos: 7, late: 10, submitted: 12, candidate: 12,
};

/** Column headers in the reader's language (locales/<language>/reports.json). */
function headers(t: Translate, language: Language): Record<keyof ReportExportRow, string> {
  return {
    month: t(language, 'reports:businessReports.columns.month'),
    nik: t(language, 'reports:businessReports.columns.nik'),
    name: t(language, 'reports:businessReports.columns.name'),
    regency: t(language, 'reports:businessReports.columns.regency'),
    district: t(language, 'reports:businessReports.columns.district'),
    village: t(language, 'reports:businessReports.columns.village'),
    group: t(language, 'reports:businessReports.columns.group'),
    program: t(language, 'reports:businessReports.columns.program'),
    status: t(language, 'reports:businessReports.columns.status'),
    stopReason: t(language, 'reports:businessReports.columns.stopReason'),
    stopNote: t(language, 'reports:businessReports.columns.stopNote'),
    sales: t(language, 'reports:businessReports.columns.sales'),
    profit: t(language, 'reports:businessReports.columns.profit'),
    familyWorkers: t(language, 'reports:businessReports.columns.familyWorkers'),
    paidWorkers: t(language, 'reports:businessReports.columns.paidWorkers'),
    equipment: t(language, 'reports:businessReports.columns.equipment'),
    problems: t(language, 'reports:businessReports.columns.problems'),
    photos: t(language, 'reports:businessReports.columns.photos'),
    late: t(language, 'reports:businessReports.columns.late'),
    submitted: t(language, 'reports:businessReports.columns.submitted'),
    candidate: t(language, 'reports:businessReports.columns.candidate'),
  };
}

function columns(t: Translate, language: Language): TableColumn<ReportExportRow>[] {
  const header = headers(t, language);
  return (Object.keys(WIDTHS) as (keyof ReportExportRow)[]).map((key) => ({
    key,
    header: header[key],
    width: WIDTHS[key],
    ...(key === 'sales' || key === 'profit' ? { kind: 'amount' as const } : key === 'submitted' ? { kind: 'date' as const } : {}),
  }));
}

function toExportRow(row: ReportTableRow, month: string, t: Translate, language: Language): ReportExportRow {
  const label = (key: string, fallback: string) => t(language, `dashboard:businessReports.${key}`, { defaultValue: fallback });
  const yes = t(language, 'reports:businessReports.yes');
  return {
    month,
    nik: row.nik,
    name: row.fullName,
    regency: row.regency,
    district: row.district,
    village: row.village,
    group: row.groupName,
    program: row.programCode,
    status: label(`statuses.${row.businessStatus}`, row.businessStatus),
    stopReason: row.stopReason === null ? null : label(`stopReasons.${row.stopReason}`, row.stopReason),
    stopNote: row.stopNote,
    sales: row.sales,
    profit: row.profit,
    familyWorkers: row.familyWorkers,
    paidWorkers: row.paidWorkers,
    equipment: row.equipmentUse === null ? null : label(`equipmentUses.${row.equipmentUse}`, row.equipmentUse),
    problems: row.problems,
    photos: row.photos,
    late: row.late ? yes : '',
    submitted: row.submittedOn,
    candidate: row.candidate ? yes : '',
  };
}

/**
 * Streams the month's reports in scope under the filters (the Laporan usaha table, every page)
 * into `output` as CSV or XLSX, then ends it. Rows carry full NIKs, names and business figures:
 * the caller checks the role and audits the export. Returns the number of reports written.
 */
export async function exportBusinessReports(
  prisma: PrismaClient,
  output: Writable,
  options: { format: 'csv' | 'xlsx'; language: Language; scope: RecipientScope; filters: ReportFilters; t: Translate },
): Promise<number> {
  const { t, language } = options;
  const cols = columns(t, language);
  const sink = options.format === 'csv' ? csvTableSink(output, cols, ';') : xlsxTableSink(output, cols, t(language, 'reports:businessReports.sheetName'));
  await sink.start();
  let count = 0;
  for await (const page of allMonthlyReports(prisma, options.scope, { ...options.filters, after: undefined })) {
    await sink.writeRows(page.map((row) => toExportRow(row, options.filters.month, t, language)));
    count += page.length;
  }
  await sink.finish().catch((error: unknown) => {
    throw output.destroyed ? new ExportCancelled() : error;
  });
  return count;
}

/** "laporan-usaha-2026-11.xlsx". */
export function reportExportFileName(format: 'csv' | 'xlsx', month: string, language: Language, t: Translate): string {
  return `${t(language, 'reports:businessReports.fileName', { month })}.${format}`;
}
