import type { Writable } from 'node:stream';
import { quoteCsvCell } from '../importing/csv/quote-csv-cell.js';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from './export-recipients-columns.js';
import type { ExportSink } from './export-sink.js';
import { writeWithBackpressure } from './write-with-backpressure.js';

/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the names as Latin-1),
 * `;` by default as Excel writes it in an Indonesian locale. Dates YYYY-MM-DD, amounts as plain
 * whole numbers, so a spreadsheet can sort and sum them.
 */
export function csvExportSink(output: Writable, headers: Record<ExportColumn, string>, delimiter: ';' | ','): ExportSink {
  const line = (cells: string[]) => `${cells.map((cell) => quoteCsvCell(cell, delimiter)).join(delimiter)}\r\n`;
  return {
    async start() {
      await writeWithBackpressure(output, `\uFEFF${line(EXPORT_COLUMNS.map((column) => headers[column]))}`);
    },
    async writeRows(rows: ExportRow[]) {
      const text = rows.map((row) => line(EXPORT_COLUMNS.map((column) => (row[column] === null ? '' : String(row[column]))))).join('');
      await writeWithBackpressure(output, text);
    },
    async finish() {
      await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
  };
}
