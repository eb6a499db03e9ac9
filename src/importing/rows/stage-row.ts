import { z } from 'zod';
import { pastCalendarDate } from '../fields/calendar-date.js';
import { codeField } from '../fields/code-field.js';
import { field, optionalField } from '../fields/field.js';
import { nikField } from '../fields/nik-field.js';
import { rupiahField } from '../fields/rupiah-amount.js';
import { optionalText } from '../fields/text-field.js';

export const STAGE_COLUMNS = {
  required: ['nik', 'program', 'tahap', 'tanggal', 'nominal', 'keterangan'],
  optional: ['saluran', 'lokasi'],
} as const;

export type StageColumn = (typeof STAGE_COLUMNS.required)[number] | (typeof STAGE_COLUMNS.optional)[number];

/** One stage reached by one KPM. Whether the program, stage and NIK exist is checked against the database later. */
export function stageRowSchema(now: Date) {
  return z
    .object({
      nik: field(nikField('nik', now)),
      program: field(codeField('program')),
      tahap: field(codeField('tahap')),
      tanggal: field(pastCalendarDate(now)),
      nominal: optionalField(rupiahField),
      keterangan: field(optionalText('keterangan', 500)),
      saluran: field(optionalText('saluran')),
      lokasi: field(optionalText('lokasi')),
    })
    .transform((row) => ({
      nik: row.nik,
      programCode: row.program,
      stageCode: row.tahap,
      occurredOn: row.tanggal,
      amount: row.nominal,
      note: row.keterangan,
      channel: row.saluran,
      place: row.lokasi,
    }));
}

export type StageRow = z.output<ReturnType<typeof stageRowSchema>>;
