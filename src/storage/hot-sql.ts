/**
 * The few statements the message path runs outside a conversation's transaction (the webhook's
 * inbox insert, the outbox's claim and its marks), straight on the driver: no Prisma query
 * interpreter, no result mapping, and on PostgreSQL a statement prepared once per connection
 * under its name. Everything else goes through Prisma.
 *
 * Each statement is one implicit transaction. On PGlite it queues behind any open transaction
 * (one connection, one transaction at a time), as Prisma's own statements do.
 *
 * Write the SQL so both drivers read it alike: cast parameters (`$1::text[]`, `$2::timestamptz`),
 * pass times as ISO strings, and return big integers as text (pg gives int8 as a string).
 */
export interface HotSql {
  /** Rows as objects keyed by column name. `name` identifies the statement (one text per name). */
  query<Row = Record<string, unknown>>(name: string, text: string, values: readonly unknown[]): Promise<Row[]>;
}
