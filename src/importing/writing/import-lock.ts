import type { Prisma } from '../../storage/generated/client.js';

/**
 * Transaction-scoped advisory lock taken by every import batch: two imports started at once
 * (or an import and the demo seeding) take turns, so "look up, then create" never races into
 * a duplicate-key error. The key is an arbitrary constant owned by the importers.
 */
const IMPORT_LOCK_KEY = 736_210_001;

export async function lockImports(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
}
