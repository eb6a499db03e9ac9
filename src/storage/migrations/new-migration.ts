import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultMigrationsDir, migrationFileName, readMigrationFiles } from './migration-files.js';
import { diffMigrationsToSchema, type SchemaDiffOptions } from './schema-diff.js';

export interface NewMigrationOptions extends SchemaDiffOptions {
  now?: Date;
}

/**
 * Writes `prisma/migrations/<UTC timestamp>_<name>/migration.sql` with the SQL that brings the
 * committed migrations up to `schema.prisma` (what `prisma migrate dev --create-only` would
 * write). Returns the new folder's name, or undefined when the schema has not changed.
 */
export async function writeNewMigration(name: string, options: NewMigrationOptions = {}): Promise<string | undefined> {
  const slug = migrationSlug(name);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const sql = await diffMigrationsToSchema({ ...options, migrationsDir });
  if (sql === '') return undefined;
  const folder = `${utcTimestamp(options.now ?? new Date())}_${slug}`;
  const last = (await readMigrationFiles(migrationsDir)).at(-1)?.name;
  // Migrations apply in name order: a new one that sorts before the last would be applied out of order.
  if (last !== undefined && folder <= last) {
    throw new Error(`New migration ${folder} would not sort after the last one (${last}); check the clock`);
  }
  await mkdir(join(migrationsDir, folder));
  await writeFile(join(migrationsDir, folder, migrationFileName), sql);
  return folder;
}

/** Prisma's convention: lower-case words joined by underscores. */
export function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new Error(`Migration name ${JSON.stringify(name)} has no letters or digits`);
  return slug;
}

/** YYYYMMDDHHMMSS in UTC, the prefix Prisma gives migration folders. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function main(args: string[]): Promise<void> {
  const name = args.join(' ').trim();
  if (name === '') {
    console.error('Usage: npm run db:migration -- <name>');
    process.exitCode = 2;
    return;
  }
  const folder = await writeNewMigration(name);
  if (folder === undefined) {
    console.log('schema.prisma matches the committed migrations: no migration written.');
  } else {
    console.log(`Wrote ${join('prisma', 'migrations', folder, migrationFileName)}; review it before committing.`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
