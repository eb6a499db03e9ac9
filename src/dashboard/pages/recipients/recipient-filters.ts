import { z } from 'zod';
import type { RecipientFilters } from './search-recipients.js';

const text = (max: number) => z.string().trim().max(max).optional().catch(undefined);

// Query strings are typed by anyone: anything unusable is dropped, never an error page.
const schema = z.object({
  q: text(100),
  desa: text(100),
  program: text(40),
  tahap: text(60),
  kabupaten: text(100),
  kecamatan: text(100),
  kelompok: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  after: text(400),
});

export function parseRecipientFilters(query: Record<string, string>): RecipientFilters {
  const parsed = schema.parse(query);
  return {
    q: parsed.q || undefined,
    village: parsed.desa || undefined,
    program: parsed.program || undefined,
    stage: parsed.program ? parsed.tahap || undefined : undefined,
    regency: parsed.kabupaten || undefined,
    district: parsed.kecamatan || undefined,
    groupId: parsed.kelompok,
    after: parsed.after || undefined,
  };
}

/** The filters as query values (for "next page" and export links). */
export function filterQuery(filters: RecipientFilters): Record<string, string | number | undefined> {
  return {
    q: filters.q,
    desa: filters.village,
    program: filters.program,
    tahap: filters.stage,
    kabupaten: filters.regency,
    kecamatan: filters.district,
    kelompok: filters.groupId,
  };
}
