import { z } from 'zod';
import { areaKey } from '../../domain/regions/contact-area.js';
import { contactPhone } from '../fields/contact-phone.js';
import { field, optionalField } from '../fields/field.js';
import { phoneField } from '../fields/phone-number.js';
import { optionalText, requiredText } from '../fields/text-field.js';

export const CONTACT_COLUMNS = {
  required: ['wilayah', 'nama', 'telepon', 'whatsapp', 'alamat'],
} as const;

/**
 * One contact point: `wilayah` is a regency/city as recipients name it ("Kota Serang") or
 * "provinsi" for the province-wide one; `nama` is what KPM read ("Dinas Sosial Kota Serang").
 * Phone, WhatsApp (a mobile number) and address may be empty, not all at once being useful is
 * the operator's call.
 */
export const contactRowSchema = z
  .object({
    wilayah: field(requiredText('wilayah', 100)),
    nama: field(requiredText('nama', 120)),
    telepon: optionalField(contactPhone),
    whatsapp: optionalField(phoneField),
    alamat: field(optionalText('alamat', 200)),
  })
  .transform((row) => ({
    area: areaKey(row.wilayah),
    name: row.nama,
    phone: row.telepon,
    whatsapp: row.whatsapp,
    address: row.alamat,
  }));

export type ContactRow = z.output<typeof contactRowSchema>;
