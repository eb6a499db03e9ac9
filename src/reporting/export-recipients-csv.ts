import type { Writable } from 'node:stream';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from './export-recipients-columns.js';
import type { ExportSink } from './export-sink.js';
import { csvTableSink } from './table-sinks.js';

/** The recipients export as CSV for Excel (see csvTableSink). */
export function csvExportSink(output: Writable, headers: Record<ExportColumn, string>, delimiter: ';' | ','): ExportSink {
  return csvTableSink<ExportRow>(output, EXPORT_COLUMNS.map((key) => ({ key, header: headers[key], width: 0 })), delimiter);
}
