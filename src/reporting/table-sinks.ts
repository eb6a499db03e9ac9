import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { quoteCsvCell } from '../importing/csv/quote-csv-cell.js';
import { ExportCancelled, waitForDrain, writeWithBackpressure } from './write-with-backpressure.js';

/** A cell as exported: text, a whole number (an amount or count), a YYYY-MM-DD date, or empty. */
export type TableCell = string | number | boolean | null;

/** One column of an exported table: which field, its header in the reader's language, how Excel shows it. */
export interface TableColumn<Row> {
  key: keyof Row & string;
  header: string;
  width: number;
  /** `date`: a YYYY-MM-DD text becomes a real date; `amount`: a number with thousands grouping. */
  kind?: 'text' | 'date' | 'amount';
}

/** Where exported rows go: a file format writing to a stream. */
export interface TableSink<Row> {
  start(): Promise<void>;
  writeRows(rows: readonly Row[]): Promise<void>;
  /** Ends the file and the output stream. */
  finish(): Promise<void>;
}

/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the names as Latin-1),
 * `;` by default as Excel writes it in an Indonesian locale. Dates YYYY-MM-DD, amounts as plain
 * whole numbers, so a spreadsheet can sort and sum them.
 */
export function csvTableSink<Row extends Record<keyof Row, TableCell>>(output: Writable, columns: readonly TableColumn<Row>[], delimiter: ';' | ','): TableSink<Row> {
  const line = (cells: string[]) => `${cells.map((cell) => quoteCsvCell(cell, delimiter)).join(delimiter)}\r\n`;
  return {
    async start() {
      await writeWithBackpressure(output, `\uFEFF${line(columns.map((column) => column.header))}`);
    },
    async writeRows(rows) {
      const text = rows.map((row) => line(columns.map((column) => (row[column.key] === null ? '' : String(row[column.key]))))).join('');
      await writeWithBackpressure(output, text);
    },
    async finish() {
      await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, so the workbook is
 * never held whole. Text stays text (a 16-digit NIK would be rounded as a number), dates are
 * real dates, amounts numbers with thousands grouping; the header row stays in view.
 */
export function xlsxTableSink<Row extends Record<keyof Row, TableCell>>(output: Writable, columns: readonly TableColumn<Row>[], sheetName: string): TableSink<Row> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    ...(column.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    ...(column.kind === 'amount' ? { style: { numFmt: '#,##0' } } : {}),
  }));
  const dates = columns.filter((column) => column.kind === 'date').map((column) => column.key);
  return {
    async start() {
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    },
    async writeRows(rows) {
      for (const row of rows) {
        const cells: Record<string, unknown> = { ...row };
        for (const key of dates) {
          const value = row[key];
          cells[key] = typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : null;
        }
        sheet.addRow(cells).commit();
      }
      await waitForDrain(output);
    },
    async finish() {
      sheet.commit();
      if (output.destroyed) throw new ExportCancelled();
      // exceljs resolves when `output` finishes, which a closed output never does.
      await new Promise<void>((resolve, reject) => {
        const onClose = () => {
          if (!output.writableFinished) reject(new ExportCancelled());
        };
        output.once('close', onClose);
        workbook.commit().then(
          () => {
            output.off('close', onClose);
            resolve();
          },
          (error: unknown) => {
            output.off('close', onClose);
            reject(error);
          },
        );
      });
    },
  };
}
