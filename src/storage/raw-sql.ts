/** A raw SQL handle inside one transaction, for work Prisma cannot express (multi-statement scripts). */
export interface RawSql {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script (no parameters). */
  exec(script: string): Promise<void>;
}
