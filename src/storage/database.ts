import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.js';
import { pgliteExtensions } from './pglite-extensions.js';
import { lockDataDir } from './pglite-lock.js';
import type { HotSql } from './hot-sql.js';
import type { RawSql } from './raw-sql.js';

export type DatabaseKind = 'postgres' | 'pglite';

/** One storage handle for the whole app: Prisma for queries, a raw path for migration scripts. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** The message path's own statements, on the driver itself (hot-sql.ts). */
  readonly sql: HotSql;
  /**
   * Runs `fn` in one raw transaction holding the advisory lock `lockKey`, outside Prisma:
   * migrations use it so two processes starting at once apply each script exactly once.
   */
  withLockedTransaction<T>(lockKey: number, fn: (sql: RawSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the whole cluster as a tarball, to start other instances from (tests). */
  dumpPglite?(): Promise<Blob>;
}

export interface DatabaseOptions {
  /** postgresql:// URL. When absent, PGlite keeps its data in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** PGlite only: start from this dump (`dumpDataDir`) instead of an empty cluster. */
  pgliteDump?: Blob;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data/pglite', options.pgliteDump);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    prisma,
    sql: {
      async query<Row>(text: string, values: readonly unknown[], name?: string) {
        return (await pool.query(name === undefined ? { text, values: [...values] } : { name, text, values: [...values] })).rows as Row[];
      },
    },
    async withLockedTransaction(lockKey, fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
        const result = await fn({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string, dump: Blob | undefined): Promise<Database> {
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const pglite = await PGlite.create({ dataDir, extensions: pgliteExtensions, ...(dump ? { loadDataDir: dump } : {}) }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    prisma,
    sql: {
      async query<Row>(text: string, values: readonly unknown[]) {
        return (await pglite.query<Row>(text, [...values])).rows;
      },
    },
    withLockedTransaction(lockKey, fn) {
      return pglite.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
        return fn({
          query: async (sql, params) => (await tx.query(sql, params)).rows as never[],
          exec: async (script) => {
            await tx.exec(script);
          },
        });
      });
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
    dumpPglite: () => pglite.dumpDataDir('none'),
  };
}
