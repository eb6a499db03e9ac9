import { z } from 'zod';
import { isReportMonth, type ReportMonth } from '../graduation/report-month.js';

/** The Laporan usaha table's filters, from the query string (validated at the door). */
export interface ReportFilters {
  month: ReportMonth;
  program?: string | undefined;
  groupId?: number | undefined;
  regency?: string | undefined;
  /** Keyset cursor "recipientId:programCode" from the previous page. */
  after?: { recipientId: number; programCode: string } | undefined;
}

const schema = z.object({
  bulan: z.string().optional(),
  program: z.string().trim().max(40).regex(/^[A-Za-z0-9_-]*$/).optional().catch(undefined),
  kelompok: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  wilayah: z.string().trim().max(100).optional().catch(undefined),
  setelah: z.string().max(80).optional().catch(undefined),
});

/** Unknown or malformed values are dropped, never an error page: the month defaults to `currentMonth`. */
export function parseReportFilters(query: Record<string, string>, currentMonth: ReportMonth): ReportFilters {
  const raw = schema.safeParse(query);
  const value = raw.success ? raw.data : {};
  const month = value.bulan !== undefined && isReportMonth(value.bulan) ? value.bulan : currentMonth;
  const after = /^(\d{1,10}):([A-Za-z0-9_-]{1,40})$/.exec(value.setelah ?? '');
  return {
    month,
    program: value.program || undefined,
    groupId: value.kelompok,
    regency: value.wilayah || undefined,
    after: after && Number(after[1]) <= 2_147_483_647 ? { recipientId: Number(after[1]), programCode: after[2]! } : undefined,
  };
}

/** The filters back as a query string (for links and the export), without the cursor unless asked. */
export function filtersQuery(filters: ReportFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ bulan: filters.month });
  if (filters.program) params.set('program', filters.program);
  if (filters.groupId !== undefined) params.set('kelompok', String(filters.groupId));
  if (filters.regency) params.set('wilayah', filters.regency);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
