import type { Writable } from 'node:stream';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from './export-recipients-columns.js';
import type { ExportSink } from './export-sink.js';
import { xlsxTableSink } from './table-sinks.js';

const WIDTHS: Record<ExportColumn, number> = {
  nik: 19, name: 28, regency: 18, district: 18, village: 18, program: 30, stage: 28, date: 12, amount: 14, channel: 20, place: 24,
};

/**
 * The recipients export as XLSX (see xlsxTableSink): NIKs are text cells (Excel would round a
 * 16-digit number), dates real dates, amounts numbers with thousands grouping.
 */
export function xlsxExportSink(output: Writable, headers: Record<ExportColumn, string>, sheetName: string): ExportSink {
  return xlsxTableSink<ExportRow>(
    output,
    EXPORT_COLUMNS.map((key) => ({ key, header: headers[key], width: WIDTHS[key], ...(key === 'date' ? { kind: 'date' as const } : key === 'amount' ? { kind: 'amount' as const } : {}) })),
    sheetName,
  );
}
