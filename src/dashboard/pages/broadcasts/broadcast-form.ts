import { z } from 'zod';
import type { TargetSpec } from '../../../proactive/target.js';

/** Several values of one form field (checkboxes, a multiple select): hono gives a string or an array. */
const many = (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
/** A comma-separated text field: "Kota Serang, Kabupaten Lebak". */
const listed = z.preprocess((value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : []), z.array(z.string().max(100)).max(100));

/** Whom a message goes to, as the shared target fields post it (Pengumuman and Pengingat). */
export const targetFieldsSchema = z.object({
  groupIds: z.preprocess(many, z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(500)),
  programCode: z.string().trim().max(50).optional().default(''),
  stageCode: z.string().trim().max(50).optional().default(''),
  regencies: listed,
  districts: listed,
  villages: listed,
  prokusModel: z.enum(['', 'pembibitan', 'mentoring', 'inkubasi']).optional().default(''),
  channel: z.enum(['', 'telegram', 'whatsapp', 'whatsapp-cloud']).optional().default(''),
});
export type TargetFields = z.infer<typeof targetFieldsSchema>;

/** An optional form date or time: empty, or well formed. */
const optional = (pattern: RegExp) => z.union([z.literal(''), z.string().regex(pattern)]).optional().default('');
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Empty send date and time: at confirmation; both given: then, in the target's local time. */
export const broadcastFormSchema = targetFieldsSchema.extend({
  requestKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  text: z.string().trim().min(1).max(2000),
  sendDate: optional(DATE),
  sendTime: optional(TIME),
});
export type BroadcastForm = z.infer<typeof broadcastFormSchema>;

/** The form as a target; facilitators' forms carry only groups (anything else is ignored). */
export function targetOfForm(form: TargetFields, operator: boolean): TargetSpec {
  const target: TargetSpec = {};
  if (form.groupIds.length > 0) target.groupIds = form.groupIds;
  if (!operator) return target;
  if (form.programCode) target.programCodes = [form.programCode];
  if (form.stageCode) target.stageCodes = [form.stageCode];
  if (form.regencies.length > 0) target.regencies = form.regencies;
  if (form.districts.length > 0) target.districts = form.districts;
  if (form.villages.length > 0) target.villages = form.villages;
  if (form.prokusModel) target.prokusModels = [form.prokusModel];
  if (form.channel) target.channels = [form.channel];
  return target;
}
