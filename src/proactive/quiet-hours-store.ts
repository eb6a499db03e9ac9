import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './quiet-hours.js';

/** Quiet hours per regency: the operators' overrides and the default for every other regency. */
export interface QuietHoursTable {
  fallback: QuietHours;
  /** Keyed by the regency as recipients name it. */
  overrides: ReadonlyMap<string, QuietHours>;
}

/** Every override (quiet_hours_override) and the configured default. Read once per enqueue. */
export async function loadQuietHoursTable(db: Pick<Database, 'prisma'>, fallback: QuietHours = DEFAULT_QUIET_HOURS): Promise<QuietHoursTable> {
  const rows = await db.prisma.quietHoursOverride.findMany();
  return { fallback, overrides: new Map(rows.map((row) => [row.region, { start: row.quietStart, end: row.quietEnd }])) };
}

/** A regency's quiet hours: its override, else the default. */
export function quietHoursOf(table: QuietHoursTable, regency: string): QuietHours {
  return table.overrides.get(regency) ?? table.fallback;
}

/**
 * Quiet hours per regency: an operator's override (quiet_hours_override, keyed by the regency
 * as recipients name it) or the configured default. Read once per enqueue.
 */
export async function loadQuietHours(db: Pick<Database, 'prisma'>, fallback: QuietHours = DEFAULT_QUIET_HOURS): Promise<(regency: string) => QuietHours> {
  const table = await loadQuietHoursTable(db, fallback);
  return (regency) => quietHoursOf(table, regency);
}

/** Sets (or, with null, removes) a regency's quiet hours. */
export async function setQuietHoursOverride(db: Pick<Database, 'prisma'>, region: string, quiet: QuietHours | null): Promise<void> {
  await writeQuietHoursOverride(db.prisma, region, quiet);
}

/** `setQuietHoursOverride` in the caller's transaction; false when clearing found nothing to clear. */
export async function writeQuietHoursOverride(tx: Pick<Prisma.TransactionClient, 'quietHoursOverride'>, region: string, quiet: QuietHours | null): Promise<boolean> {
  if (quiet === null) return (await tx.quietHoursOverride.deleteMany({ where: { region } })).count > 0;
  await tx.quietHoursOverride.upsert({
    where: { region },
    create: { region, quietStart: quiet.start, quietEnd: quiet.end },
    update: { quietStart: quiet.start, quietEnd: quiet.end },
  });
  return true;
}
