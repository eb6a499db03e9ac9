import type { PrismaClient, Prisma } from '../../storage/generated/client.js';
import { DEFAULT_BATCH_SIZE, type ImportOptions } from '../import-options.js';
import { inImportTransaction } from './in-import-transaction.js';

export interface BatchProgress {
  /** Rows already settled before writing starts (refused while reading). */
  alreadyDone: number;
  total: number;
  /** Rows refused so far (the report's count), for the progress shown while it runs. */
  rejected?: () => number;
}

/**
 * Writes `items` in batches, each in its own transaction holding the import lock (or all in
 * the caller's transaction), and reports progress after each batch. A failing batch rolls
 * back alone and stops the import; earlier batches stay committed.
 */
export async function runInBatches<Item, Outcome>(
  prisma: PrismaClient,
  items: readonly Item[],
  options: ImportOptions,
  progress: BatchProgress,
  writeBatch: (tx: Prisma.TransactionClient, batch: Item[]) => Promise<Outcome>,
  onBatchDone: (outcome: Outcome) => void,
): Promise<void> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const rejected = () => (progress.rejected ? { rejected: progress.rejected() } : {});
  await options.onProgress?.({ done: progress.alreadyDone, total: progress.total, ...rejected() });
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    const outcome = await inImportTransaction(prisma, options, (tx) => writeBatch(tx, batch));
    // Counted only after commit, so a rolled-back batch never shows up in the report.
    onBatchDone(outcome);
    await options.onProgress?.({ done: progress.alreadyDone + start + batch.length, total: progress.total, ...rejected() });
  }
}
