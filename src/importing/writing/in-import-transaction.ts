import type { PrismaClient, Prisma } from '../../storage/generated/client.js';
import type { ImportOptions } from '../import-options.js';
import { lockImports } from './import-lock.js';

/** Long enough for a 1,000-row batch on a slow disk; Prisma's 5 s default is for web requests. */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** Runs `work` in a transaction holding the import lock, or inside the caller's transaction. */
export async function inImportTransaction<T>(
  prisma: PrismaClient,
  options: Pick<ImportOptions, 'transaction'>,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  const locked = async (tx: Prisma.TransactionClient) => {
    await lockImports(tx);
    return work(tx);
  };
  if (options.transaction) return locked(options.transaction);
  return prisma.$transaction(locked, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS });
}
