import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../../src/storage/database.js';
import { applyMigrations } from '../../../src/storage/migrations/apply-migrations.js';
import { defaultMigrationsDir, readMigrationFiles } from '../../../src/storage/migrations/migration-files.js';
import { backends, createEmptyPostgresDatabase } from '../../support/backends.js';

interface EmptyDatabase {
  db: Database;
  /** Another handle on the same database (PostgreSQL only). */
  openAnother(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A fresh database with nothing applied (the backends' `open()` migrates, which is what is under test here). */
async function openEmpty(kind: DatabaseKind): Promise<EmptyDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, openAnother: () => Promise.reject(new Error('PGlite in memory is one process')), dispose: () => db.close() };
  }
  const empty = await createEmptyPostgresDatabase();
  const db = await openDatabase({ databaseUrl: empty.url });
  const others: Database[] = [];
  return {
    db,
    async openAnother() {
      const other = await openDatabase({ databaseUrl: empty.url });
      others.push(other);
      return other;
    },
    async dispose() {
      for (const other of others) await other.close();
      await db.close();
      await empty.drop();
    },
  };
}

async function publicTables(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
  return rows.map((row) => row.table_name);
}

async function appliedRows(db: Database): Promise<{ name: string; checksum: string }[]> {
  return db.prisma.$queryRaw`SELECT name, checksum FROM app_migration ORDER BY name`;
}

/** A scratch copy of the committed migrations, to edit or extend without touching the repository. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kpm-migrations-'));
  await cp(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

const committed = await readMigrationFiles();
const committedNames = committed.map((migration) => migration.name);

describe('committed migrations', () => {
  it('exist, with the initial one first', async () => {
    expect(committedNames[0]).toBe('20261121000000_init');
    const folders = (await readdir(defaultMigrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    expect(committedNames).toHaveLength(folders.length);
  });
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`applyMigrations on ${backend.kind}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function empty(): Promise<EmptyDatabase> {
      const handle = await openEmpty(backend.kind);
      cleanups.push(() => handle.dispose());
      return handle;
    }
    async function scratchMigrations(): Promise<string> {
      const dir = await copyOfMigrations();
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return dir;
    }

    it('creates the tables on a fresh database and records every migration with its checksum', async () => {
      const { db } = await empty();
      expect(await publicTables(db)).toEqual([]);

      expect(await applyMigrations(db)).toEqual(committedNames);

      const tables = await publicTables(db);
      for (const table of ['app_migration', 'recipient', 'stage_event', 'conversation', 'inbound_message', 'outbound_message']) {
        expect(tables).toContain(table);
      }
      const nik = await db.prisma.$queryRaw<{ data_type: string; character_maximum_length: number }[]>`
        SELECT data_type, character_maximum_length FROM information_schema.columns
        WHERE table_name = 'recipient' AND column_name = 'nik'`;
      expect(nik).toEqual([{ data_type: 'character', character_maximum_length: 16 }]);
      expect(await appliedRows(db)).toEqual(committed.map(({ name, checksum }) => ({ name, checksum })));
      // The checksum is the sha256 of the file as committed.
      expect(committed[0]?.checksum).toBe(createHash('sha256').update(committed[0]?.sql ?? '').digest('hex'));
    });

    it('applies nothing the second time', async () => {
      const { db } = await empty();
      await applyMigrations(db);
      const before = await db.prisma.$queryRaw`SELECT name, applied_at FROM app_migration ORDER BY name`;

      expect(await applyMigrations(db)).toEqual([]);
      expect(await db.prisma.$queryRaw`SELECT name, applied_at FROM app_migration ORDER BY name`).toEqual(before);
    });

    it('applies only the migrations added since', async () => {
      const { db } = await empty();
      const dir = await scratchMigrations();
      await applyMigrations(db, { migrationsDir: dir });
      await mkdir(join(dir, '29990101000000_add_probe'));
      await writeFile(join(dir, '29990101000000_add_probe', 'migration.sql'), 'CREATE TABLE "probe" ("id" INTEGER NOT NULL);\n');

      expect(await applyMigrations(db, { migrationsDir: dir })).toEqual(['29990101000000_add_probe']);
      expect(await publicTables(db)).toContain('probe');
    });

    it('refuses, applying nothing, when an applied migration changed on disk', async () => {
      const { db } = await empty();
      const dir = await scratchMigrations();
      await applyMigrations(db, { migrationsDir: dir });
      await appendFile(join(dir, '20261121000000_init', 'migration.sql'), '\n-- edited after it was applied\n');
      await mkdir(join(dir, '29990101000000_add_probe'));
      await writeFile(join(dir, '29990101000000_add_probe', 'migration.sql'), 'CREATE TABLE "probe" ("id" INTEGER NOT NULL);\n');

      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(
        /20261121000000_init changed on disk since they were applied \(checksum mismatch\)/,
      );
      expect(await publicTables(db)).not.toContain('probe');
      expect((await appliedRows(db)).map((row) => row.name)).toEqual(committedNames);
    });

    it('rolls everything back when a script fails', async () => {
      const { db } = await empty();
      const dir = await scratchMigrations();
      await mkdir(join(dir, '29990101000000_broken'));
      await writeFile(join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "probe" ("id" INTEGER);\nSELECT no_such_function();\n');

      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/Migration 29990101000000_broken failed/);
      expect(await publicTables(db)).toEqual([]);
    });

    // Two handles on one database need a server: PGlite in memory is a single process.
    if (backend.kind === 'postgres') it('applies each script once when two processes start at once', async () => {
      const first = await empty();
      const second = await first.openAnother();

      const results = await Promise.all([applyMigrations(first.db), applyMigrations(second)]);

      expect(results.map((names) => names.length).sort()).toEqual([0, committedNames.length]);
      expect(results.flat()).toEqual(committedNames);
      expect((await appliedRows(first.db)).map((row) => row.name)).toEqual(committedNames);
      expect(await publicTables(second)).toContain('recipient');
    });
  });
}
