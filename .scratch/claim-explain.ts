import { openDatabase } from '/work/wt/hot-sql/src/storage/database.js';
import { applyMigrations } from '/work/wt/hot-sql/src/storage/migrations/apply-migrations.js';
import { createScratchDatabase } from '/work/wt/hot-sql/bench/machine/scratch-database.js';
const scratch = await createScratchDatabase('postgresql://postgres@127.0.0.1:5432/postgres');
const db = await openDatabase({ databaseUrl: scratch.url });
try {
  await applyMigrations(db);
  const sentPerChat = Number(process.argv[2] ?? 40);
  await db.prisma.$executeRawUnsafe(`INSERT INTO outbound_message (channel, chat_id, payload, status, updated_at, sent_at)
    SELECT 'telegram', (c % 1000)::text, '{"text":"x"}'::jsonb, 'sent', now(), now() FROM generate_series(1, ${1000 * sentPerChat}) c`);
  await db.prisma.$executeRawUnsafe(`INSERT INTO outbound_message (channel, chat_id, payload, updated_at)
    SELECT 'telegram', (c % 1000)::text, '{"text":"x"}'::jsonb, now() FROM generate_series(1, 300) c`);
  await db.prisma.$executeRawUnsafe(`ANALYZE outbound_message`);
  await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL plan_cache_mode = force_generic_plan`);
    await tx.$executeRawUnsafe(`PREPARE claimx(timestamptz, text, int) AS WITH due AS (
        SELECT o.id FROM outbound_message o
        WHERE o.status = 'pending' AND o.next_attempt_at <= $1 AND o.channel = $2 AND o.lane = 0
          AND NOT EXISTS (
            SELECT 1 FROM outbound_message e
            WHERE e.channel = o.channel AND e.chat_id = o.chat_id AND e.id < o.id AND e.lane = 0
              AND (e.status IN ('claimed', 'sending') OR (e.status = 'pending' AND e.next_attempt_at > $1)))
        ORDER BY o.id
        LIMIT $3
        FOR UPDATE SKIP LOCKED)
      SELECT * FROM due`);
    const plan = await tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE) EXECUTE claimx(now(), 'telegram', 200)`);
    console.log('GENERIC:\n' + plan.map((r) => r['QUERY PLAN']).join('\n'));
  });
  const q = `EXPLAIN (ANALYZE, BUFFERS) WITH due AS (
        SELECT o.id FROM outbound_message o
        WHERE o.status = 'pending' AND o.next_attempt_at <= now() AND o.channel = 'telegram' AND o.lane = 0
          AND NOT EXISTS (
            SELECT 1 FROM outbound_message e
            WHERE e.channel = o.channel AND e.chat_id = o.chat_id AND e.id < o.id AND e.lane = 0
              AND (e.status IN ('claimed', 'sending') OR (e.status = 'pending' AND e.next_attempt_at > now())))
        ORDER BY o.id
        LIMIT 200
        FOR UPDATE SKIP LOCKED)
      SELECT * FROM due`;
  const rows = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(q);
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
} finally {
  await db.close();
  await scratch.drop();
}
