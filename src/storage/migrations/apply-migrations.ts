import type { Database } from '../database.js';
import { readMigrationFiles, type MigrationFile } from './migration-files.js';

/** Advisory lock key held while migrating ("kpm" + 1); fixed so every process contends for the same lock. */
export const migrationLockKey = 0x6b706d01;

export interface ApplyMigrationsOptions {
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
}

interface AppliedRow {
  name: string;
  checksum: string;
}

/**
 * Brings the database up to the committed migrations and returns the names newly applied.
 * Runs in one transaction under an advisory lock, so concurrent starters apply each script
 * exactly once, and a failing script leaves nothing half-applied.
 */
export async function applyMigrations(db: Database, options: ApplyMigrationsOptions = {}): Promise<string[]> {
  const migrations = await readMigrationFiles(options.migrationsDir);
  return db.withLockedTransaction(migrationLockKey, async (sql) => {
    await sql.exec(`CREATE TABLE IF NOT EXISTS app_migration (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await sql.query<AppliedRow>('SELECT name, checksum FROM app_migration');
    refuseChangedMigrations(applied, migrations);
    const appliedNames = new Set(applied.map((row) => row.name));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (appliedNames.has(migration.name)) continue;
      await sql.exec(migration.sql).catch((error: unknown) => {
        throw new Error(`Migration ${migration.name} failed: ${String(error)}`, { cause: error });
      });
      await sql.query('INSERT INTO app_migration (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  });
}

/**
 * An applied script that changed on disk means the database and the code disagree about the
 * schema; silently carrying on would hide that. (An applied migration missing on disk is
 * tolerated: an older build may be rolled back onto a newer database.)
 */
function refuseChangedMigrations(applied: AppliedRow[], migrations: MigrationFile[]): void {
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  const changed = applied.filter((row) => {
    const file = byName.get(row.name);
    return file !== undefined && file.checksum !== row.checksum;
  });
  if (changed.length > 0) {
    const names = changed.map((row) => row.name).join(', ');
    throw new Error(
      `Refusing to migrate: already-applied migration(s) ${names} changed on disk since they were applied ` +
        '(checksum mismatch). Restore the original migration.sql and put the change in a new migration.',
    );
  }
}
