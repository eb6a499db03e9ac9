import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultMigrationsDir, migrationFileName, readMigrationFiles } from './migration-files.js';
import { ScratchPgliteFactory } from './scratch-pglite-factory.js';
import { withSchemaEngine } from './wasm-schema-engine.js';

export const defaultSchemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

export interface SchemaDiffOptions {
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  /** Defaults to the repository's `prisma/schema.prisma`. */
  schemaPath?: string;
  /** Schema text to use instead of reading `schemaPath` (e.g. a modified copy in a test). */
  schema?: string;
}

// Prisma refuses a migrations folder without a lock file naming the provider; the project keeps none.
const lockfile = { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' };

/**
 * The SQL that takes a database with the committed migrations applied to `schema.prisma`
 * (what `prisma migrate diff --from-migrations --to-schema --script` prints), or '' when they
 * agree. The engine replays the migrations on a scratch in-memory PGlite.
 */
export async function diffMigrationsToSchema(options: SchemaDiffOptions = {}): Promise<string> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const schema = options.schema ?? (await readFile(schemaPath, 'utf8'));
  const migrations = await readMigrationFiles(migrationsDir);
  const factory = new ScratchPgliteFactory();
  try {
    const result = await withSchemaEngine(factory, (engine) =>
      engine.diff({
        from: {
          tag: 'migrations',
          baseDir: migrationsDir,
          lockfile,
          shadowDbInitScript: '',
          migrationDirectories: migrations.map((migration) => ({
            path: migration.name,
            migrationFile: { path: join(migration.name, migrationFileName), content: { tag: 'ok', value: migration.sql } },
          })),
        },
        to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
        script: true,
        // exitCode 2 is the engine's own "the diff is not empty", sparing us from parsing its text.
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  } finally {
    await factory.close();
  }
}
