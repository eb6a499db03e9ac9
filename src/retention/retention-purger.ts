import type { Logger } from 'pino';
import { errorSummary } from '../logging/error-summary.js';
import type { Database } from '../storage/database.js';
import { clearIdleSecret, clearInboundBodies, clearOutboundBodies, deleteExpiredAttempts } from './purge-statements.js';

export interface RetentionSettings {
  /** How long message bodies are kept (MESSAGE_RETENTION_DAYS). */
  messageRetentionMs: number;
  /** The window verification attempts are counted in; older ones are deleted. */
  verificationWindowMs: number;
  /** After this much silence a conversation restarts anyway; its secret context fields are emptied. */
  idleTimeoutMs: number;
  /** The flow's secret context fields (see FlowBinding.secretContextFields). */
  secretContextFields: readonly string[];
}

export interface RetentionPurgerOptions {
  db: Database;
  settings: RetentionSettings;
  logger: Logger;
  /** The clock (tests inject one). */
  now?: () => Date;
  /** Time between purges (default 10 minutes). */
  intervalMs?: number;
  /** Rows per statement, so no purge holds many row locks or runs long (default 500). */
  batchSize?: number;
  /** Batches per kind per run; what is left waits for the next run (default 20). */
  maxBatches?: number;
}

export interface PurgeCounts {
  inboundBodies: number;
  outboundBodies: number;
  attempts: number;
  idleSecrets: number;
}

/**
 * Keeps personal data only as long as it is needed: clears old message bodies, deletes expired
 * verification attempts and empties secrets left in idle conversations, periodically and in
 * bounded batches. Safe to run in every process at once (see purge-statements.ts).
 */
export class RetentionPurger {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: RetentionPurgerOptions) {}

  start(): void {
    const interval = this.options.intervalMs ?? 10 * 60_000;
    const tick = () => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.options.logger.error({ err: errorSummary(error) }, 'retention purge failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, interval).unref();
        });
    };
    // Not at once: start-up work and the first webhooks come first.
    this.timer = setTimeout(tick, Math.min(interval, 60_000)).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One full purge; returns how many rows each kind changed. */
  async runOnce(): Promise<PurgeCounts> {
    const { db, settings } = this.options;
    const now = this.options.now?.() ?? new Date();
    const before = (ms: number) => new Date(now.getTime() - ms);
    const counts: PurgeCounts = {
      inboundBodies: await this.repeat((limit) => clearInboundBodies(db, before(settings.messageRetentionMs), now, limit)),
      outboundBodies: await this.repeat((limit) => clearOutboundBodies(db, before(settings.messageRetentionMs), now, limit)),
      attempts: await this.repeat((limit) => deleteExpiredAttempts(db, before(settings.verificationWindowMs), limit)),
      idleSecrets: 0,
    };
    for (const field of settings.secretContextFields) {
      // A minute's margin: idleness is measured on database time, the cutoff on this process's clock.
      counts.idleSecrets += await this.repeat((limit) => clearIdleSecret(db, field, before(settings.idleTimeoutMs + 60_000), limit));
    }
    if (Object.values(counts).some((count) => count > 0)) this.options.logger.info({ purged: counts }, 'retention purge');
    return counts;
  }

  private async repeat(batch: (limit: number) => Promise<number>): Promise<number> {
    const limit = this.options.batchSize ?? 500;
    const maxBatches = this.options.maxBatches ?? 20;
    let total = 0;
    for (let round = 0; round < maxBatches && !this.stopped; round++) {
      const changed = await batch(limit);
      total += changed;
      if (changed < limit) break;
    }
    return total;
  }
}
