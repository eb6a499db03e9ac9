import type { Database } from '../storage/database.js';

/**
 * A named lease in the database: of several processes sharing one PostgreSQL, only the holder
 * runs the outbox sender, so per-chat order and the global rate limit hold across processes.
 * Returns true when `holder` holds the lease until now + ttl.
 */
export async function tryAcquireLease(db: Database, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<Array<{ holder: string }>>`
    INSERT INTO lease (name, holder, expires_at)
    VALUES (${name}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}))
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE lease.holder = excluded.holder OR lease.expires_at < now()
    RETURNING holder`;
  return rows.length === 1;
}

export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.prisma.$executeRaw`DELETE FROM lease WHERE name = ${name} AND holder = ${holder}`;
}
