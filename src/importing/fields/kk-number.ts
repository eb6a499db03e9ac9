import { looksLikeExcelNumber } from './excel-number.js';
import { withoutTextMark } from './without-text-mark.js';
import { accept, refuse, type FieldResult } from './field.js';

/** A Kartu Keluarga number: 16 digits (spaces and Excel's leading apostrophe tolerated). */
export function kkNumber(raw: string): FieldResult<string> {
  if (looksLikeExcelNumber(raw)) return refuse({ code: 'excel-number', column: 'no_kk' });
  const digits = withoutTextMark(raw).replace(/\s+/g, '');
  return /^\d{16}$/.test(digits) ? accept(digits) : refuse({ code: 'kk' });
}
