/** The file cannot be read as the expected CSV at all (bad header, broken quoting): nothing is imported. */
export class CsvFormatError extends Error {
  constructor(
    readonly problem: CsvFormatProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

export type CsvFormatProblem =
  | { code: 'empty-file' }
  | { code: 'no-delimiter' }
  | { code: 'missing-columns'; columns: string[] }
  | { code: 'unknown-columns'; columns: string[] }
  | { code: 'duplicate-columns'; columns: string[] }
  | { code: 'broken-csv'; line: number | undefined };
