import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { quoteCsvCell } from '../csv/quote-csv-cell.js';
import { cellText } from './cell-text.js';

export type SheetText = { ok: true; csv: string } | { ok: false; code: 'too-many-rows' | 'unreadable' };

/**
 * The first worksheet of an XLSX as CSV text, for the same reader and checks as an uploaded
 * CSV: sheet row N becomes line N (empty rows as empty lines), so refusals name the row the
 * operator sees in Excel. Trailing empty cells are dropped and short rows padded to the
 * header's width; a row with more filled cells than the header keeps them and is refused as
 * a CSV row would be. Streamed, stopping as soon as the sheet passes `maxRows` data rows.
 */
export async function xlsxToCsv(bytes: Buffer, maxRows: number): Promise<SheetText> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const lines: string[] = [];
  let width = 0;
  let dataRows = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = rowCells(row);
        if (cells.length === 0) continue;
        if (width === 0) width = cells.length;
        else if (++dataRows > maxRows) return { ok: false, code: 'too-many-rows' };
        while (cells.length < width) cells.push('');
        while (lines.length < row.number - 1) lines.push('');
        lines.push(cells.map((cell) => quoteCsvCell(cell, ',')).join(','));
      }
      break; // the first worksheet only
    }
  } catch {
    return { ok: false, code: 'unreadable' };
  }
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
