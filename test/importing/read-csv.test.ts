import { describe, expect, it } from 'vitest';
import { CsvFormatError } from '../../src/importing/csv/csv-format-error.js';
import { detectDelimiter } from '../../src/importing/csv/detect-delimiter.js';
import { readCsv } from '../../src/importing/csv/read-csv.js';

const columns = { required: ['nik', 'nama'], optional: ['desa'] } as const;

function problemOf(text: string) {
  try {
    readCsv(text, columns);
  } catch (error) {
    if (error instanceof CsvFormatError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('readCsv', () => {
  it('numbers rows by file line (header = 1), skipping blank lines and counting multi-line cells', () => {
    const text = 'nik,nama\n1,A\n\n2,"B\nsambungan"\n3,C';
    const { rows, rejected } = readCsv(text, columns);
    expect(rejected).toEqual([]);
    expect(rows.map((row) => [row.line, row.cells.nik])).toEqual([
      [2, '1'],
      [4, '2'],
      [6, '3'],
    ]);
    expect(rows[1]?.cells.nama).toBe('B\nsambungan');
  });

  it('tolerates a BOM, semicolons, CRLF, header case/order and trims cells', () => {
    const text = '\uFEFF NAMA ;Nik\r\n  Siti Contoh ; 3673 \r\n';
    const { rows } = readCsv(text, columns);
    expect(rows).toEqual([{ line: 2, cells: { nik: '3673', nama: 'Siti Contoh', desa: '' } }]);
  });

  it('keeps commas inside quoted cells of a comma file and commas in a semicolon file', () => {
    expect(readCsv('nik,nama\n1,"Contoh, Siti"\n', columns).rows[0]?.cells.nama).toBe('Contoh, Siti');
    expect(readCsv('nik;nama\n1;Contoh, Siti\n', columns).rows[0]?.cells.nama).toBe('Contoh, Siti');
  });

  it('refuses rows with the wrong number of cells, by line', () => {
    const { rows, rejected } = readCsv('nik,nama\n1,A,extra\n2\n3,C\n', columns);
    expect(rows.map((row) => row.line)).toEqual([4]);
    expect(rejected).toEqual([
      { line: 2, reasons: [{ code: 'column-count', expected: 2, found: 3 }] },
      { line: 3, reasons: [{ code: 'column-count', expected: 2, found: 1 }] },
    ]);
  });

  it('ignores lines holding only delimiters', () => {
    expect(readCsv('nik;nama\n;\n1;A\n', columns).rows.map((row) => row.line)).toEqual([3]);
  });

  it('refuses bad headers and broken quoting as a whole-file problem', () => {
    expect(problemOf('')).toEqual({ code: 'empty-file' });
    expect(problemOf('\uFEFF\n\n')).toEqual({ code: 'empty-file' });
    expect(problemOf('nik\n1\n')).toEqual({ code: 'no-delimiter' });
    expect(problemOf('nik,desa\n1,x\n')).toEqual({ code: 'missing-columns', columns: ['nama'] });
    expect(problemOf('nik,nama,telpon\n1,A,0812\n')).toEqual({ code: 'unknown-columns', columns: ['telpon'] });
    expect(problemOf('nik,nama,NIK\n1,A,1\n')).toEqual({ code: 'duplicate-columns', columns: ['nik'] });
    expect(problemOf('nik,nama\n1,A\n2,"B\n3,C\n')).toMatchObject({ code: 'broken-csv' });
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter used between header names, ignoring quoted parts', () => {
    expect(detectDelimiter('nik;nama;desa')).toBe(';');
    expect(detectDelimiter('nik,nama,desa')).toBe(',');
    expect(detectDelimiter('"a,b,c";nama\n')).toBe(';');
    expect(detectDelimiter('nik')).toBeUndefined();
  });
});
