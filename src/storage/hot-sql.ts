/**
 * The few statements the message path runs outside a conversation's transaction (the webhook's
 * inbox insert, the outbox's claim and its marks), straight on the driver: no Prisma query
 * interpreter, no result mapping. Everything else goes through Prisma.
 *
 * The outbox's statements are prepared by name on PostgreSQL (once per connection): planned
 * afresh each time, planning took as long as running them (about 800 µs against 750 µs of
 * PostgreSQL per answered message under compare-peer's flood; the claims' plans alone 460 µs).
 * PostgreSQL switches a named statement to a generic plan after five runs, so name only SQL
 * whose generic plan is its custom one: the claims' is since they read the partial indexes of
 * unsent messages (migration 20261128500000). Before those, the claim's generic plan walked the
 * primary key through every message ever sent (5.4 ms against 0.3 ms at 40,000 sent messages).
 * PGlite ignores the name.
 *
 * Each statement is one implicit transaction. On PGlite it queues behind any open transaction
 * (one connection, one transaction at a time), as Prisma's own statements do.
 *
 * Write the SQL so both drivers read it alike: cast parameters (`$1::text[]`, `$2::timestamptz`),
 * pass times as ISO strings, and return big integers as text (pg gives int8 as a string).
 */
export interface HotSql {
  /** Rows as objects keyed by column name; `name` prepares the statement (see above). */
  query<Row = Record<string, unknown>>(text: string, values: readonly unknown[], name?: string): Promise<Row[]>;
}
