import ExcelJS from 'exceljs';
import { quoteCsvCell } from '../csv/quote-csv-cell.js';
import { cellText } from './cell-text.js';

export type SheetText = { ok: true; csv: string } | { ok: false; code: 'too-many-rows' | 'unreadable' };

/**
 * The first worksheet of an XLSX as CSV text, for the same reader and checks as an uploaded
 * CSV: sheet row N becomes line N (empty rows as empty lines), so refusals name the row the
 * operator sees in Excel. Trailing empty cells are dropped and short rows padded to the
 * header's width; a row with more filled cells than the header keeps them and is refused as
 * a CSV row would be. Refused when the sheet has more than `maxRows` data rows.
 *
 * The whole workbook is loaded (its unpacked size is bounded before this is called): with
 * exceljs's streaming reader a good demo file was refused now and then in tests under load.
 */
export async function xlsxToCsv(bytes: Buffer, maxRows: number): Promise<SheetText> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, code: 'unreadable' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: true, csv: '' };
  const lines: string[] = [];
  let width = 0;
  let dataRows = 0;
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (tooMany) return;
    const cells = rowCells(row);
    if (cells.length === 0) return;
    if (width === 0) width = cells.length;
    else if (++dataRows > maxRows) {
      tooMany = true;
      return;
    }
    while (cells.length < width) cells.push('');
    while (lines.length < row.number - 1) lines.push('');
    lines.push(cells.map((cell) => quoteCsvCell(cell, ',')).join(','));
  });
  if (tooMany) return { ok: false, code: 'too-many-rows' };
  return { ok: true, csv: lines.length === 0 ? '' : `${lines.join('\n')}\n` };
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cells[column - 1] = cellText(cell.value);
  });
  const filled = Array.from(cells, (cell) => cell ?? '');
  while (filled.length > 0 && filled.at(-1)!.trim() === '') filled.pop();
  return filled;
}
