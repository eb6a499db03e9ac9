import type { CsvFormatProblem } from '../csv/csv-format-error.js';

/**
 * Why an uploaded file was not imported at all. Structured like the row reasons, so a page
 * can word it from locales; it never quotes the file's content.
 */
export type UploadProblem =
  | { code: 'too-large'; maxBytes: number }
  | { code: 'too-many-rows'; maxRows: number }
  | { code: 'unreadable' }
  /** An old binary .xls workbook (not XLSX): the operator must save it as XLSX or CSV. */
  | { code: 'old-excel' }
  /** The file is readable but not the expected table (wrong kind of file, bad header, broken quoting). */
  | { code: 'format'; problem: CsvFormatProblem };
