import type { CellValue } from 'exceljs';

/** Excel keeps 15 significant digits: a 16-digit NIK or KK typed as a number has lost its last one. */
const LOST_DIGITS_FROM = 1e15;

/**
 * A worksheet cell as the text a CSV export of it would hold, so the CSV field checks apply
 * unchanged: dates as YYYY-MM-DD, formulas by their result, rich text joined. A 16-digit
 * number comes out as Excel shows it ("3.6730352e+15") and is refused as such, never guessed.
 * Line breaks become spaces, so one sheet row stays one line and row numbers match Excel's.
 */
export function cellText(value: CellValue): string {
  return rawText(value).replace(/\r\n|\r|\n/g, ' ');
}

function rawText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined ? '' : rawText(value.result as CellValue);
  }
  return '';
}

function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= LOST_DIGITS_FROM) return value.toExponential();
  return String(value);
}
