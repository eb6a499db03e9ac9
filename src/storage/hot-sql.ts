/**
 * The few statements the message path runs outside a conversation's transaction (the webhook's
 * inbox insert, the outbox's claim and its marks), straight on the driver: no Prisma query
 * interpreter, no result mapping. Everything else goes through Prisma.
 *
 * Not prepared: a named statement gets a generic plan after five runs, and the claim's generic
 * plan walks the primary key through every message ever sent (5.4 ms against 0.3 ms at 40,000
 * sent messages, growing with the history) instead of the index of pending messages.
 *
 * Each statement is one implicit transaction. On PGlite it queues behind any open transaction
 * (one connection, one transaction at a time), as Prisma's own statements do.
 *
 * Write the SQL so both drivers read it alike: cast parameters (`$1::text[]`, `$2::timestamptz`),
 * pass times as ISO strings, and return big integers as text (pg gives int8 as a string).
 */
export interface HotSql {
  /** Rows as objects keyed by column name. */
  query<Row = Record<string, unknown>>(text: string, values: readonly unknown[]): Promise<Row[]>;
}
