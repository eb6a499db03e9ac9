import { parseNik } from '../../domain/nik/parse-nik.js';
import { looksLikeExcelNumber } from './excel-number.js';
import { accept, refuse, type FieldResult } from './field.js';
import { withoutTextMark } from './without-text-mark.js';

/**
 * A NIK cell, checked by the domain's parseNik (which also drops spaces, dots and dashes).
 * The stored value is the 16 digits.
 */
export function nikField(column: string, now: Date) {
  return (raw: string): FieldResult<string> => {
    if (looksLikeExcelNumber(raw)) return refuse({ code: 'excel-number', column });
    const parsed = parseNik(withoutTextMark(raw), now);
    if (parsed.ok) return accept(parsed.value.nik);
    // The digit count helps the operator; the digits themselves stay out of the report.
    if (parsed.problem === 'length') {
      return refuse({ code: 'nik', column, problem: parsed.problem, length: parsed.length });
    }
    return refuse({ code: 'nik', column, problem: parsed.problem });
  };
}
