import { parse } from 'csv-parse/sync';
import type { RejectedRow } from '../validation-report.js';
import { CsvFormatError } from './csv-format-error.js';
import { detectDelimiter } from './detect-delimiter.js';

export interface CsvColumns<Name extends string> {
  required: readonly Name[];
  optional?: readonly Name[];
}

/** One data row: its first line in the file (header = 1) and its trimmed cells by column name. */
export interface CsvRow<Name extends string> {
  line: number;
  cells: Record<Name, string>;
}

export interface CsvContent<Name extends string> {
  rows: CsvRow<Name>[];
  /** Rows whose cell count does not match the header. */
  rejected: RejectedRow[];
  /** Columns the header has; an optional column may be absent (its cells read as ''). */
  present: ReadonlySet<Name>;
}

type RawRecord = { record: string[]; info: { lines: number; raw?: string } };

/**
 * Reads a whole CSV text: BOM tolerated, `;` or `,` detected, header names matched
 * case-insensitively in any order, cells trimmed. A bad header or broken quoting throws
 * CsvFormatError before anything is imported.
 */
export function readCsv<Name extends string>(text: string, columns: CsvColumns<Name>): CsvContent<Name> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new CsvFormatError({ code: 'empty-file' }, 'the file is empty');
  const delimiter = detectDelimiter(body.trimStart());
  if (!delimiter) throw new CsvFormatError({ code: 'no-delimiter' }, 'the header has no ";" or "," between column names');

  const records = parseRecords(body, delimiter);
  const [header, ...data] = records;
  if (!header) throw new CsvFormatError({ code: 'empty-file' }, 'the file is empty');
  const order = mapHeader(header.record, columns);
  const all = [...columns.required, ...(columns.optional ?? [])];

  const rows: CsvRow<Name>[] = [];
  const rejected: RejectedRow[] = [];
  for (const { record, info } of data) {
    // Lines holding only delimiters or spaces are left-overs of spreadsheet editing, not rows.
    if (record.every((cell) => cell === '')) continue;
    const line = firstLineOf(info);
    if (record.length !== header.record.length) {
      rejected.push({ line, reasons: [{ code: 'column-count', expected: header.record.length, found: record.length }] });
      continue;
    }
    const cells = {} as Record<Name, string>;
    for (const name of all) {
      const index = order.get(name);
      cells[name] = index === undefined ? '' : (record[index] ?? '');
    }
    rows.push({ line, cells });
  }
  return { rows, rejected, present: new Set(order.keys()) };
}

function parseRecords(body: string, delimiter: string): RawRecord[] {
  try {
    return parse(body, {
      delimiter,
      info: true,
      raw: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as RawRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CsvFormatError({ code: 'broken-csv', line }, `the CSV is broken near line ${line ?? '?'}`);
  }
}

/** Column name → index in the record; refuses missing, unknown and repeated columns. */
function mapHeader<Name extends string>(header: string[], columns: CsvColumns<Name>): Map<Name, number> {
  const known = new Set<string>([...columns.required, ...(columns.optional ?? [])]);
  const names = header.map((cell) => cell.trim().toLowerCase());
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new CsvFormatError({ code: 'unknown-columns', columns: unknown }, `unknown columns: ${unknown.join(', ')}`);
  }
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw new CsvFormatError({ code: 'duplicate-columns', columns: repeated }, `repeated columns: ${repeated.join(', ')}`);
  }
  const missing = columns.required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new CsvFormatError({ code: 'missing-columns', columns: missing }, `missing columns: ${missing.join(', ')}`);
  }
  const order = new Map<Name, number>();
  names.forEach((name, index) => order.set(name as Name, index));
  return order;
}

/** csv-parse reports the line a record ends on; a quoted cell may span lines, so count back. */
function firstLineOf(info: { lines: number; raw?: string }): number {
  const raw = (info.raw ?? '').replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  const innerBreaks = raw.match(/\n/g)?.length ?? 0;
  return info.lines - innerBreaks;
}
