import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationSlug, utcTimestamp, writeNewMigration } from '../../../src/storage/migrations/new-migration.js';
import { defaultMigrationsDir } from '../../../src/storage/migrations/migration-files.js';
import { defaultSchemaPath, diffMigrationsToSchema } from '../../../src/storage/migrations/schema-diff.js';

const schema = await readFile(defaultSchemaPath, 'utf8');
const withProbeColumn = schema.replace(/(model Lease \{\n)/, '$1  probeNote String? @map("probe_note")\n');

describe('writeNewMigration', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  async function scratchMigrations(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'kpm-migrations-'));
    dirs.push(dir);
    await cp(defaultMigrationsDir, dir, { recursive: true });
    return dir;
  }

  it('writes the next migration, after which the migrations agree with the schema', async () => {
    const dir = await scratchMigrations();

    const folder = await writeNewMigration('Add probe note', {
      migrationsDir: dir,
      schema: withProbeColumn,
      now: new Date('2999-01-02T03:04:05Z'),
    });

    expect(folder).toBe('29990102030405_add_probe_note');
    const sql = await readFile(join(dir, '29990102030405_add_probe_note', 'migration.sql'), 'utf8');
    expect(sql).toContain('ALTER TABLE "lease" ADD COLUMN');
    expect(await diffMigrationsToSchema({ migrationsDir: dir, schema: withProbeColumn })).toBe('');
  });

  it('writes nothing when the schema has not changed', async () => {
    const dir = await scratchMigrations();
    const before = await readdir(dir);

    expect(await writeNewMigration('nothing', { migrationsDir: dir, now: new Date('2999-01-01T00:00:00Z') })).toBeUndefined();
    expect(await readdir(dir)).toEqual(before);
  });

  it('refuses a name that would sort before the last migration', async () => {
    const dir = await scratchMigrations();
    await expect(
      writeNewMigration('late', { migrationsDir: dir, schema: withProbeColumn, now: new Date('2000-01-01T00:00:00Z') }),
    ).rejects.toThrow(/would not sort after the last one/);
  });
});

describe('migration folder names', () => {
  it('follow Prisma: UTC timestamp and snake_case name', () => {
    expect(utcTimestamp(new Date('2026-11-21T07:08:09.999Z'))).toBe('20261121070809');
    expect(migrationSlug('Add NIK index!')).toBe('add_nik_index');
    expect(() => migrationSlug('  -- ')).toThrow(/no letters or digits/);
  });
});
