import { systemClock, type Clock } from '../outbox/clock.js';
import type { Database } from '../storage/database.js';

/**
 * How many replies wait in the outbox (conversation lane, not yet sent), read from the database
 * at most every `refreshMs` and counted only up to the limit asked about, so the look costs the
 * same however long the queue. The engine holds a webhook's answer while it is over its limit:
 * under a flood the sender, not only the batches, sets the pace at which messages are taken in.
 * From the database, so it holds for every process on it and cannot drift.
 */
export class OutboxBacklog {
  private counted: { at: number; limit: number; count: number } | undefined;
  private reading: Promise<number> | undefined;

  constructor(
    private readonly db: Database,
    private readonly refreshMs = 100,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Resolves once at most `limit` replies wait, or after `maxWaitMs` whatever the queue. */
  async roomFor(limit: number, maxWaitMs: number): Promise<void> {
    const deadline = this.clock.now() + maxWaitMs;
    while ((await this.count(limit)) > limit && this.clock.now() < deadline) {
      await this.clock.sleep(Math.min(this.refreshMs, Math.max(1, deadline - this.clock.now())));
    }
  }

  /** The replies waiting, counted up to `limit + 1`. */
  private async count(limit: number): Promise<number> {
    const counted = this.counted;
    if (counted && counted.limit === limit && this.clock.now() - counted.at < this.refreshMs) return counted.count;
    this.reading ??= this.read(limit).finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(limit: number): Promise<number> {
    const [row] = await this.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM outbound_message WHERE status IN ('pending', 'claimed', 'sending') AND lane = 0 LIMIT $1::int) waiting`,
      [limit + 1],
      'outbox-backlog-count',
    );
    const count = Number(row?.n ?? 0);
    this.counted = { at: this.clock.now(), limit, count };
    return count;
  }
}
