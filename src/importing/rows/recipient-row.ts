import { z } from 'zod';
import { field, optionalField } from '../fields/field.js';
import { kkNumber } from '../fields/kk-number.js';
import { nikField } from '../fields/nik-field.js';
import { phoneField } from '../fields/phone-number.js';
import { requiredText } from '../fields/text-field.js';

export const RECIPIENT_COLUMNS = {
  required: ['nik', 'nama', 'no_kk', 'telepon', 'kabupaten_kota', 'kecamatan', 'desa'],
} as const;

export type RecipientColumn = (typeof RECIPIENT_COLUMNS.required)[number];

/**
 * One KPM row. The KK number and phone may be empty (not every list has them) but are checked
 * when present; an empty cell clears what is stored, so the file stays the source of truth.
 */
export function recipientRowSchema(now: Date) {
  return z
    .object({
      nik: field(nikField('nik', now)),
      nama: field(requiredText('nama')),
      no_kk: optionalField(kkNumber),
      telepon: optionalField(phoneField),
      kabupaten_kota: field(requiredText('kabupaten_kota')),
      kecamatan: field(requiredText('kecamatan')),
      desa: field(requiredText('desa')),
    })
    .transform((row) => ({
      nik: row.nik,
      fullName: row.nama,
      kkNumber: row.no_kk,
      phone: row.telepon,
      regency: row.kabupaten_kota,
      district: row.kecamatan,
      village: row.desa,
    }));
}

export type RecipientRow = z.output<ReturnType<typeof recipientRowSchema>>;
