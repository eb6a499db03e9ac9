import type { Database } from '../storage/database.js';

export interface LeaseOutcome {
  held: boolean;
  /** Set when the lease was just taken from another holder (or was free): that holder's work must be recovered. */
  takenFrom?: { holder: string | null; dead: boolean };
}

/**
 * A named lease in the database: of several processes sharing one PostgreSQL, only the holder
 * runs the outbox sender, so per-chat order and the global rate limit hold across processes.
 * The lease is renewed by its holder, taken when it expired, and taken at once from a holder
 * `isDead` recognises (this machine's former process, killed).
 */
export async function tryAcquireLease(
  db: Database,
  name: string,
  holder: string,
  ttlMs: number,
  isDead: (holder: string) => boolean = () => false,
): Promise<LeaseOutcome> {
  const seconds = ttlMs / 1000;
  const rows = await db.prisma.$queryRaw<Array<{ previous: string | null }>>`
    WITH previous AS (SELECT holder FROM lease WHERE name = ${name})
    INSERT INTO lease (name, holder, expires_at)
    VALUES (${name}, ${holder}, now() + make_interval(secs => ${seconds}))
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE lease.holder = excluded.holder OR lease.expires_at < now()
    RETURNING (SELECT holder FROM previous) AS previous`;
  if (rows.length === 1) {
    const previous = rows[0]!.previous;
    if (previous === holder) return { held: true };
    // An expired lease may still have been left by this machine's killed process: then what it
    // had in flight is known abandoned, not only what outlived its send lease.
    return { held: true, takenFrom: { holder: previous, dead: previous !== null && isDead(previous) } };
  }
  const current = await db.prisma.$queryRaw<Array<{ holder: string }>>`SELECT holder FROM lease WHERE name = ${name}`;
  const other = current[0]?.holder;
  if (other === undefined || !isDead(other)) return { held: false };
  const taken = await db.prisma.$executeRaw`
    UPDATE lease SET holder = ${holder}, expires_at = now() + make_interval(secs => ${seconds})
    WHERE name = ${name} AND holder = ${other}`;
  return taken === 1 ? { held: true, takenFrom: { holder: other, dead: true } } : { held: false };
}

export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.prisma.$executeRaw`DELETE FROM lease WHERE name = ${name} AND holder = ${holder}`;
}
