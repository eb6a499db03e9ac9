import { z } from 'zod';
import { codeField } from '../fields/code-field.js';
import { field } from '../fields/field.js';
import { positionField } from '../fields/position-field.js';
import { requiredText } from '../fields/text-field.js';

export const PROGRAM_COLUMNS = {
  required: ['program', 'nama_program', 'nama_program_en', 'urutan', 'tahap', 'label', 'label_en'],
} as const;

export type ProgramColumn = (typeof PROGRAM_COLUMNS.required)[number];

/** One stage of one program; the program's names repeat on each of its rows. */
export const programRowSchema = z
  .object({
    program: field(codeField('program')),
    nama_program: field(requiredText('nama_program')),
    nama_program_en: field(requiredText('nama_program_en')),
    urutan: field(positionField),
    tahap: field(codeField('tahap')),
    label: field(requiredText('label')),
    label_en: field(requiredText('label_en')),
  })
  .transform((row) => ({
    programCode: row.program,
    nameId: row.nama_program,
    nameEn: row.nama_program_en,
    position: row.urutan,
    stageCode: row.tahap,
    labelId: row.label,
    labelEn: row.label_en,
  }));

export type ProgramRow = z.output<typeof programRowSchema>;
