import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.js';
import { seedDemoData } from '../seed/seed-demo-data.js';
import { openDatabase, type Database } from '../storage/database.js';
import { applyMigrations } from '../storage/migrations/apply-migrations.js';

/**
 * Opens the configured database (PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR), applies
 * pending migrations, and on a database without programs loads the demo data unless SEED_DEMO=false.
 */
export async function openStorage(config: AppConfig, logger: Logger): Promise<Database> {
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: join(config.DATA_DIR, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    const applied = await applyMigrations(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    if (config.SEED_DEMO) {
      const seeded = await seedDemoData(db);
      logger.info({ seed: seeded }, 'demo data checked');
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
