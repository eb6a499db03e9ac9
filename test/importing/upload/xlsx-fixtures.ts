import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export type SheetCell = string | number | Date | null;

/** An XLSX workbook (as bytes) whose first worksheet holds `rows`; a second sheet proves only the first is read. */
export async function xlsxOf(rows: SheetCell[][], options: { blankRowsBefore?: number } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  let rowNumber = 1 + (options.blankRowsBefore ?? 0);
  for (const cells of rows) {
    const row = sheet.getRow(rowNumber++);
    cells.forEach((value, index) => {
      if (value === null) return;
      const cell = row.getCell(index + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    row.commit();
  }
  workbook.addWorksheet('Catatan').getCell('A1').value = 'nik,nama';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A CSV file as an operator would save it from Excel: text cells stay text, but dates become
 * real date cells and stage positions numbers, as Excel makes them when typed.
 */
export function csvAsSheetRows(csvText: string): SheetCell[][] {
  const records = parse(csvText, { bom: true }) as string[][];
  const [header = [], ...data] = records;
  return [
    header,
    ...data.map((record) =>
      record.map((value, index) => {
        const column = header[index];
        if (column === 'tanggal' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
        if (column === 'urutan' && /^\d+$/.test(value)) return Number(value);
        return value === '' ? null : value;
      }),
    ),
  ];
}
