import { writeAudit } from '../audit/write-audit.js';
import type { Prisma, PrismaClient } from '../storage/generated/client.js';

/** One regency's minimum wage for one year. */
export interface MinimumWageRow {
  regency: string;
  year: number;
  amountSen: bigint;
  source: string | null;
  updatedAt: Date;
}

/** Who changes a figure (the dashboard user), for the audit entry. */
export interface WageEditor {
  id: number;
  username: string;
}

/** Every figure, by regency then year. A few dozen rows: read whole. */
export async function listMinimumWages(prisma: Prisma.TransactionClient): Promise<MinimumWageRow[]> {
  return prisma.minimumWage.findMany({ orderBy: [{ regency: 'asc' }, { year: 'asc' }], select: { regency: true, year: true, amountSen: true, source: true, updatedAt: true } });
}

/**
 * Sets one regency's figure for one year (new or changed) and writes the audit entry with the
 * figure before and after, in one transaction. Returns false when nothing changed.
 */
export async function saveMinimumWage(prisma: PrismaClient, wage: { regency: string; year: number; amountSen: bigint; source: string | null }, editor: WageEditor): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.minimumWage.findUnique({ where: { regency_year: { regency: wage.regency, year: wage.year } } });
    if (before && before.amountSen === wage.amountSen && before.source === wage.source) return false;
    await tx.minimumWage.upsert({
      where: { regency_year: { regency: wage.regency, year: wage.year } },
      create: { ...wage, updatedById: editor.id },
      update: { amountSen: wage.amountSen, source: wage.source, updatedById: editor.id },
    });
    await writeAudit(tx, {
      action: 'staff.wage.change',
      channel: 'dashboard',
      chatId: editor.username,
      recipientId: null,
      staffUserId: editor.id,
      details: { regency: wage.regency, year: wage.year, beforeSen: before ? before.amountSen.toString() : null, afterSen: wage.amountSen.toString() },
    });
    return true;
  });
}

/** Regency names compared the way people type them: case and spacing ignored. */
export function regencyKey(regency: string): string {
  return regency.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Looks up a regency's wage for a year; undefined when operators have not entered it. */
export type WageLookup = (regency: string, year: number) => bigint | undefined;

export function wageLookup(rows: readonly Pick<MinimumWageRow, 'regency' | 'year' | 'amountSen'>[]): WageLookup {
  const byKey = new Map(rows.map((row) => [`${regencyKey(row.regency)}|${row.year}`, row.amountSen]));
  return (regency, year) => byKey.get(`${regencyKey(regency)}|${year}`);
}
