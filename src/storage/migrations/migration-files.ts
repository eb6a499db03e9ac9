import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One committed migration: `prisma/migrations/<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 (hex) of the file's bytes: an applied migration must never change. */
  checksum: string;
}

/** Resolved from this source file, not the cwd, so the app finds its migrations wherever it starts. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));

export const migrationFileName = 'migration.sql';

/** The committed migrations in name (= timestamp) order. */
export async function readMigrationFiles(dir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Plain code-point order: names start with a UTC timestamp, and locale rules must not reorder them.
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name, migrationFileName)).catch((error: unknown) => {
        throw new Error(`Migration folder ${name} has no readable ${migrationFileName}`, { cause: error });
      });
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}
