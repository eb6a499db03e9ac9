import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL database made for one server instance and dropped afterwards. */
export interface ScratchDatabase {
  name: string;
  url: string;
  /** Backend pids connected to it now (for CPU accounting). */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** Creates `kpm_bench_<random>` on the server at `adminUrl` (which must be on 127.0.0.1). */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const parsed = new URL(adminUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) throw new Error(`BENCH_DATABASE_URL must point at this machine, not ${parsed.hostname}`);
  const name = `kpm_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  parsed.pathname = `/${name}`;
  return {
    name,
    url: parsed.toString(),
    async backendPids() {
      const rows = await adminQuery(adminUrl, `SELECT pid FROM pg_stat_activity WHERE datname = '${name}'`);
      return rows.map((row) => Number(row.pid));
    },
    async drop() {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The server's durability settings, printed with the results (the bench changes none). */
export async function postgresSettings(adminUrl: string): Promise<Record<string, string>> {
  const rows = await adminQuery(
    adminUrl,
    `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_level', 'commit_delay')`,
  );
  return Object.fromEntries(rows.map((row) => [String(row.name), String(row.setting)]));
}

async function adminQuery(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}
