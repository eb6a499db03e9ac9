import type { ExportRow } from './export-recipients-columns.js';

/** Where export rows go: a file format writing to a stream. */
export interface ExportSink {
  start(): Promise<void>;
  writeRows(rows: ExportRow[]): Promise<void>;
  /** Ends the file and the output stream. */
  finish(): Promise<void>;
}
