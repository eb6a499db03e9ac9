import { z } from 'zod';
import { accept, field, optionalField, refuse } from '../fields/field.js';
import { nikField } from '../fields/nik-field.js';
import { optionalText, requiredText } from '../fields/text-field.js';

export const GROUP_MEMBER_COLUMNS = {
  required: ['nik', 'kelompok'],
  optional: ['program', 'model', 'kabupaten_kota', 'kecamatan', 'desa'],
} as const;

export type GroupMemberColumn = (typeof GROUP_MEMBER_COLUMNS.required)[number] | (typeof GROUP_MEMBER_COLUMNS.optional)[number];

export const PROKUS_MODELS = ['pembibitan', 'mentoring', 'inkubasi'] as const;

const modelField = (raw: string) => {
  const model = raw.trim().toLowerCase();
  return (PROKUS_MODELS as readonly string[]).includes(model) ? accept(model) : refuse({ code: 'code-format', column: 'model' });
};

/**
 * One KPM in one group (kelompok dampingan). The group's program and region are needed only
 * when the group does not exist yet; they describe a new group, they never change an existing one.
 */
export function groupMemberRowSchema(now: Date) {
  return z
    .object({
      nik: field(nikField('nik', now)),
      kelompok: field(requiredText('kelompok')),
      program: field(optionalText('program')),
      model: optionalField(modelField),
      kabupaten_kota: field(optionalText('kabupaten_kota')),
      kecamatan: field(optionalText('kecamatan')),
      desa: field(optionalText('desa')),
    })
    .transform((row) => ({
      nik: row.nik,
      groupName: row.kelompok,
      programCode: row.program?.toUpperCase() ?? null,
      prokusModel: row.model,
      regency: row.kabupaten_kota,
      district: row.kecamatan,
      village: row.desa,
    }));
}

export type GroupMemberRow = z.output<ReturnType<typeof groupMemberRowSchema>>;
