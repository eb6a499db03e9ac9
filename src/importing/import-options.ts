import type { Prisma } from '../storage/generated/client.js';

export interface ImportProgress {
  /** Rows handled so far (written, unchanged or rejected). */
  done: number;
  total: number;
  /** Rows refused so far (while reading, then while writing). */
  rejected?: number;
}

export interface ImportOptions {
  /**
   * Called after each batch; the CLI draws a progress bar with it, the dashboard's import job
   * stores it for the page (a returned promise is awaited before the next batch), tests need
   * no TTY.
   */
  onProgress?: (progress: ImportProgress) => unknown;
  /** Rows per transaction. */
  batchSize?: number;
  /** "Now", for dates that may not be in the future and NIK birth years. */
  now?: Date;
  /**
   * Run every batch inside this already-open transaction instead of opening new ones
   * (seeding does this while it holds its lock).
   */
  transaction?: Prisma.TransactionClient;
}

export const DEFAULT_BATCH_SIZE = 1000;
