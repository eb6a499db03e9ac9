import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';

/**
 * The storage backends every integration suite runs against: PGlite (in memory) always, and
 * the real PostgreSQL at TEST_DATABASE_URL. `.ci/run` sets that variable, and under CI a
 * missing one is an error, never a skip.
 */
export interface Backend {
  kind: DatabaseKind;
  /** Why the backend cannot run here, or undefined when it can. */
  skipReason: string | undefined;
  /** A fresh, migrated, empty database. Close it with `dispose`. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Opens a second handle on the same database (a second "process"). */
  openAnother(): Promise<Database>;
  dispose(): Promise<void>;
}

const postgresUrl = process.env.TEST_DATABASE_URL;
if (process.env.CI && !postgresUrl) {
  throw new Error('TEST_DATABASE_URL must be set under CI: PostgreSQL integration tests are never skipped there');
}

export const backends: Backend[] = [
  {
    kind: 'pglite',
    skipReason: undefined,
    async open() {
      // Creating a PGlite cluster and migrating it costs seconds; each test starts from a dump instead.
      const db = await openDatabase({ dataDir: 'memory://', pgliteDump: await migratedPgliteDump() });
      await applyMigrations(db);
      return Object.assign(db, {
        openAnother: () => Promise.reject(new Error('PGlite in memory is one process')),
        dispose: () => db.close(),
      });
    },
  },
  {
    kind: 'postgres',
    skipReason: postgresUrl ? undefined : 'TEST_DATABASE_URL is not set (.ci/run sets it)',
    async open() {
      const name = `kpm_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      const url = withDatabase(postgresUrl!, name);
      const db = await openDatabase({ databaseUrl: url });
      await applyMigrations(db);
      const others: Database[] = [];
      return Object.assign(db, {
        async openAnother() {
          const other = await openDatabase({ databaseUrl: url });
          others.push(other);
          return other;
        },
        async dispose() {
          for (const other of others) await other.close();
          await db.close();
          await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      });
    },
  },
];

let pgliteDump: Promise<Blob> | undefined;

/** One migrated, empty PGlite cluster per test worker, dumped once. */
function migratedPgliteDump(): Promise<Blob> {
  pgliteDump ??= (async () => {
    const template = await openDatabase({ dataDir: 'memory://' });
    await applyMigrations(template);
    const dump = await template.dumpPglite!();
    await template.close();
    return dump;
  })();
  return pgliteDump;
}

/** The URL of a fresh, empty (unmigrated) PostgreSQL database, for migration tests. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kpm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(postgresUrl!, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
