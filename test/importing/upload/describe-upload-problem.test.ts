import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { describeUploadProblem } from '../../../src/importing/upload/describe-upload-problem.js';
import { RECIPIENT_COLUMNS } from '../../../src/importing/rows/recipient-row.js';

describe('describeUploadProblem', () => {
  const t = createTranslator();

  it('words the file-level problems from locales, in both languages', () => {
    expect(describeUploadProblem(t, 'id', { code: 'too-large', maxBytes: 25 * 1024 * 1024 }, RECIPIENT_COLUMNS)).toContain('25 MB');
    expect(describeUploadProblem(t, 'id', { code: 'too-many-rows', maxRows: 200_000 }, RECIPIENT_COLUMNS)).toContain('200.000');
    expect(describeUploadProblem(t, 'en', { code: 'old-excel' }, RECIPIENT_COLUMNS)).toContain('.xlsx');
    expect(describeUploadProblem(t, 'id', { code: 'unreadable' }, RECIPIENT_COLUMNS)).toMatch(/^File tidak bisa dibaca/);
  });

  it('words a header problem as the import CLI does, naming the expected columns', () => {
    const text = describeUploadProblem(t, 'id', { code: 'format', problem: { code: 'unknown-columns', columns: ['tahap'] } }, RECIPIENT_COLUMNS);
    expect(text).toContain('tidak dikenal: tahap');
    expect(text).toContain('nik,nama,no_kk,telepon,kabupaten_kota,kecamatan,desa');
  });
});
