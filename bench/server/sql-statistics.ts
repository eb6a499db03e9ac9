import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** One statement shape: how often it ran and the time from issuing it to its answer. */
export interface StatementStat {
  sql: string;
  count: number;
  totalMs: number;
}

export interface SqlStatistics {
  statements: StatementStat[];
  /** Transactions (PGlite only: its BEGIN/COMMIT do not pass the adapter, so they are counted here). */
  transactions: number;
  /** PGlite only: total time transactions held its single connection (callback start to end). */
  transactionMs: number;
}

/**
 * Counts every SQL statement the app sends, by statement text (parameters are placeholders
 * already), for the profile run only: it wraps `pg.Client.prototype.query` (PostgreSQL) or the
 * PGlite Prisma adapter's `performIO` and `PGlite.prototype.transaction` (PGlite) from outside
 * the app. Times include waiting for PGlite's single connection outside transactions.
 */
export class SqlCounter {
  private stats = new Map<string, StatementStat>();
  private transactions = 0;
  private transactionMs = 0;

  reset(): void {
    this.stats = new Map();
    this.transactions = 0;
    this.transactionMs = 0;
  }

  snapshot(): SqlStatistics {
    return {
      statements: [...this.stats.values()].sort((a, b) => b.count - a.count),
      transactions: this.transactions,
      transactionMs: this.transactionMs,
    };
  }

  record(sql: string, ms: number): void {
    const key = normalise(sql);
    const stat = this.stats.get(key);
    if (stat) {
      stat.count += 1;
      stat.totalMs += ms;
    } else {
      this.stats.set(key, { sql: key, count: 1, totalMs: ms });
    }
  }

  recordTransaction(ms: number): void {
    this.transactions += 1;
    this.transactionMs += ms;
  }

  installPostgres(): void {
    const counter = this;
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = prototype.query;
    prototype.query = function query(this: unknown, ...args: unknown[]): unknown {
      const first = args[0];
      const sql = typeof first === 'string' ? first : typeof (first as { text?: unknown })?.text === 'string' ? (first as { text: string }).text : '';
      const started = performance.now();
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          counter.record(sql, performance.now() - started);
          (last as (error: unknown, result: unknown) => void)(error, result);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => {
            counter.record(sql, performance.now() - started);
            return value;
          },
          (error: unknown) => {
            counter.record(sql, performance.now() - started);
            throw error;
          },
        );
      }
      return result;
    };
  }

  async installPglite(): Promise<void> {
    const counter = this;
    const adapter = await new PrismaPGlite({} as PGlite).connect();
    // PrismaPGliteAdapter → PGliteQueryable, whose performIO every Prisma query goes through.
    const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as { performIO: (query: { sql: string }) => Promise<unknown> };
    const performIO = queryable.performIO;
    queryable.performIO = async function (this: unknown, query: { sql: string }) {
      const started = performance.now();
      try {
        return await performIO.call(this, query);
      } finally {
        counter.record(query.sql, performance.now() - started);
      }
    };
    const prototype = PGlite.prototype as unknown as { transaction: (...args: unknown[]) => Promise<unknown> };
    const transaction = prototype.transaction;
    prototype.transaction = function (this: unknown, callback: unknown, ...rest: unknown[]) {
      // Timed inside the callback: how long the transaction holds PGlite's only connection.
      const timed = async (tx: unknown) => {
        const started = performance.now();
        try {
          return await (callback as (tx: unknown) => Promise<unknown>)(tx);
        } finally {
          counter.recordTransaction(performance.now() - started);
          counter.record('BEGIN', 0);
          counter.record('COMMIT', 0);
        }
      };
      return transaction.call(this, timed, ...rest);
    };
  }
}

function normalise(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').replace(/"public"\./g, '').trim();
  return flat.length > 140 ? `${flat.slice(0, 137)}...` : flat;
}
