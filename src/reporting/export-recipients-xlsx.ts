import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from './export-recipients-columns.js';
import type { ExportSink } from './export-sink.js';
import { waitForDrain } from './write-with-backpressure.js';

const WIDTHS: Record<ExportColumn, number> = {
  nik: 19, name: 28, regency: 18, district: 18, village: 18, program: 30, stage: 28, date: 12, amount: 14, channel: 20, place: 24,
};

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, so the workbook is
 * never held whole. NIKs are text cells (Excel would round a 16-digit number), dates real
 * dates, amounts numbers with thousands grouping; the header row stays in view.
 */
export function xlsxExportSink(output: Writable, headers: Record<ExportColumn, string>, sheetName: string): ExportSink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column) => ({
    header: headers[column],
    key: column,
    width: WIDTHS[column],
    ...(column === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    ...(column === 'amount' ? { style: { numFmt: '#,##0' } } : {}),
  }));
  return {
    async start() {
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    },
    async writeRows(rows: ExportRow[]) {
      for (const row of rows) {
        sheet
          .addRow({
            ...row,
            date: row.date === null ? null : new Date(`${row.date}T00:00:00Z`),
          })
          .commit();
      }
      await waitForDrain(output);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
