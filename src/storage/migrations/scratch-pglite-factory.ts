import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { pgliteExtensions } from '../pglite-extensions.js';

/**
 * A migration-aware adapter factory over one fresh, empty in-memory PGlite, for diffs whose
 * source is a migrations folder: the schema engine replays the migrations on the "shadow"
 * database and only probes the main connection for its server version, so both share the one
 * scratch database (each PGlite costs seconds to start). Not for diffs that read the main
 * database's schema. `close()` releases it.
 */
export class ScratchPgliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = 'scratch-pglite';
  private pglite: Promise<PGlite> | undefined;

  connect(): Promise<SqlDriverAdapter> {
    return this.adapter();
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.adapter();
  }

  async close(): Promise<void> {
    const pglite = await this.pglite;
    this.pglite = undefined;
    await pglite?.close();
  }

  private async adapter(): Promise<SqlDriverAdapter> {
    this.pglite ??= PGlite.create('memory://', { extensions: pgliteExtensions });
    const pglite = await this.pglite;
    const adapter = await new PrismaPGlite(pglite).connect();
    // pglite-prisma-adapter 0.7 does not await executeScript, so a failing migration script
    // would go unnoticed by the engine; await it here.
    adapter.executeScript = async (script: string) => {
      await pglite.exec(script);
    };
    return adapter;
  }
}
