import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../../storage/generated/client.js';

const text = (max: number) => z.string().trim().max(max).optional().catch(undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

const schema = z.object({
  kpm: text(20),
  staf: text(64),
  saluran: text(40),
  aksi: text(60),
  dari: day,
  sampai: day,
  sebelum: z.coerce.bigint().positive().optional().catch(undefined),
});

export type AuditFilters = z.infer<typeof schema>;

export function parseAuditFilters(query: Record<string, string>): AuditFilters {
  return schema.parse(query);
}

/** The filters as a Prisma condition. KPM by recipient number or by full NIK (looked up exactly). */
export async function auditWhere(prisma: PrismaClient, filters: AuditFilters): Promise<Prisma.AuditLogWhereInput> {
  const where: Prisma.AuditLogWhereInput[] = [];
  if (filters.kpm) {
    const digits = filters.kpm.replace(/[\s.-]/g, '');
    let recipientId = -1;
    if (/^\d{16}$/.test(digits)) recipientId = (await prisma.recipient.findUnique({ where: { nik: digits }, select: { id: true } }))?.id ?? -1;
    else if (/^\d{1,9}$/.test(digits)) recipientId = Number(digits);
    where.push({ recipientId });
  }
  if (filters.staf) where.push({ staffUser: { username: filters.staf.toLowerCase() } });
  if (filters.saluran) where.push({ channel: filters.saluran });
  if (filters.aksi) where.push({ action: filters.aksi });
  // Days are WIB (UTC+7), the province's calendar.
  if (filters.dari) where.push({ at: { gte: new Date(`${filters.dari}T00:00:00+07:00`) } });
  if (filters.sampai) where.push({ at: { lt: new Date(new Date(`${filters.sampai}T00:00:00+07:00`).getTime() + 86_400_000) } });
  return { AND: where };
}

export const AUDIT_PAGE_SIZE = 100;
