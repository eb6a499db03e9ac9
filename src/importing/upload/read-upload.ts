import { collectUpload, type UploadInput } from './collect-upload.js';
import { detectUploadFormat } from './detect-upload-format.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';
import type { UploadProblem } from './upload-problem.js';
import { xlsxToCsv } from './xlsx-to-csv.js';
import { zipUnpackedSize } from './zip-unpacked-size.js';

export type UploadText =
  | { ok: true; format: 'csv' | 'xlsx'; csv: string }
  | { ok: false; problem: UploadProblem };

/**
 * Turns an uploaded CSV or XLSX (told apart by content only) into the CSV text every importer
 * reads, within the limits. Any importer taking CSV text (programs, recipients, stages, or a
 * new kind) can take an upload through this.
 */
export async function readUpload(input: UploadInput, limits: Partial<UploadLimits> = {}): Promise<UploadText> {
  const { maxBytes, maxRows, maxUnpackedBytes } = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  const collected = await collectUpload(input, { maxBytes });
  if (!collected.ok) return { ok: false, problem: { code: 'too-large', maxBytes } };
  const { bytes } = collected;

  switch (detectUploadFormat(bytes)) {
    case 'old-excel':
      return { ok: false, problem: { code: 'old-excel' } };
    case 'unreadable':
      return { ok: false, problem: { code: 'unreadable' } };
    case 'csv': {
      const csv = bytes.toString('utf8');
      if (dataLineCount(csv) > maxRows) return { ok: false, problem: { code: 'too-many-rows', maxRows } };
      return { ok: true, format: 'csv', csv };
    }
    case 'xlsx': {
      const unpacked = zipUnpackedSize(bytes);
      if (unpacked === undefined) return { ok: false, problem: { code: 'unreadable' } };
      if (unpacked > maxUnpackedBytes) return { ok: false, problem: { code: 'too-large', maxBytes } };
      const sheet = await xlsxToCsv(bytes, maxRows);
      if (sheet.ok) return { ok: true, format: 'xlsx', csv: sheet.csv };
      return { ok: false, problem: sheet.code === 'too-many-rows' ? { code: 'too-many-rows', maxRows } : { code: 'unreadable' } };
    }
  }
}

/** Non-blank lines after the header: an upper bound of the rows (a quoted cell may span lines). */
function dataLineCount(csv: string): number {
  let lines = 0;
  for (const line of csv.split('\n')) if (line.trim() !== '') lines++;
  return Math.max(0, lines - 1);
}
