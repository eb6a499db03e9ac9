import type { z } from 'zod';
import type { CsvRow } from '../csv/read-csv.js';
import { rejectRow, type ValidationReport } from '../validation-report.js';
import type { Numbered } from '../writing/numbered.js';
import { parseRow } from './parse-row.js';

/**
 * Validates each row with its schema and refuses a row whose key repeats an earlier line's
 * (reported as a duplicate of that line). The key is read from the raw cells, so a repeat is
 * caught even when the first row has other errors; an empty key is never a duplicate.
 */
export function parseUniqueRows<Name extends string, Schema extends z.ZodType>(
  rows: CsvRow<Name>[],
  schema: Schema,
  keyOf: (cells: CsvRow<Name>['cells']) => string,
  report: ValidationReport,
): Numbered<z.output<Schema>>[] {
  const firstLineByKey = new Map<string, number>();
  const valid: Numbered<z.output<Schema>>[] = [];
  for (const { line, cells } of rows) {
    const key = keyOf(cells);
    const firstLine = key === '' ? undefined : firstLineByKey.get(key);
    if (firstLine !== undefined) {
      rejectRow(report, line, [{ code: 'duplicate', firstLine }]);
      continue;
    }
    if (key !== '') firstLineByKey.set(key, line);
    const parsed = parseRow(schema, cells);
    if (parsed.ok) valid.push({ line, row: parsed.value });
    else rejectRow(report, line, parsed.reasons);
  }
  return valid;
}
