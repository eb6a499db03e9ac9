import { z } from 'zod';

/**
 * Whom a broadcast or rule reaches. Every field given narrows (AND); within a field any value
 * matches (OR). Facilitators may use only `groupIds` (of their own groups); operators any mix.
 * `recipientIds` is for code (e.g. the invitees of a mentoring session).
 */
export interface TargetSpec {
  groupIds?: number[];
  recipientIds?: number[];
  programCodes?: string[];
  /** Stage codes reached (in any of `programCodes` when given). */
  stageCodes?: string[];
  regencies?: string[];
  districts?: string[];
  villages?: string[];
  /** pembibitan | mentoring | inkubasi: members of groups of that Prokus model. */
  prokusModels?: string[];
  /** Only KPM whose chosen (last-used) chat is on one of these channels. */
  channels?: string[];
}

const names = z.array(z.string().trim().min(1).max(200)).max(500);
export const targetSpecSchema = z
  .object({
    groupIds: z.array(z.number().int().positive()).max(500).optional(),
    recipientIds: z.array(z.number().int().positive()).max(200_000).optional(),
    programCodes: names.optional(),
    stageCodes: names.optional(),
    regencies: names.optional(),
    districts: names.optional(),
    villages: names.optional(),
    prokusModels: names.optional(),
    channels: z.array(z.enum(['telegram', 'whatsapp', 'whatsapp-cloud', 'console'])).optional(),
  })
  .strict();

/** True when the target names nobody in particular (every KPM): refused unless an operator means it. */
export function isEveryone(target: TargetSpec): boolean {
  return Object.values(target).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
}
