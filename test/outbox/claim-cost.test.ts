import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryAcquireLease } from '../../src/outbox/lease.js';
import { CLAIM_REPLIES, leaseName } from '../../src/outbox/outbox-store.js';
import { backends, type TestDatabase } from '../support/backends.js';

const HOLDER = 'claim-cost-test';

/** Buffers a plan node and its children read (EXPLAIN's totals include the children's). */
interface PlanNode {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The claim's plan, run (ANALYZE) in a transaction that is rolled back. */
async function explainClaim(db: TestDatabase, limit: number): Promise<PlanNode> {
  const now = new Date();
  let plan: PlanNode | undefined;
  await db.prisma
    .$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': unknown }>>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${CLAIM_REPLIES}`,
        now.toISOString(),
        'telegram',
        limit,
        new Date(now.getTime() + 60_000).toISOString(),
        HOLDER,
      );
      const text = rows[0]!['QUERY PLAN'];
      plan = (typeof text === 'string' ? JSON.parse(text) : text)[0].Plan as PlanNode;
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rollback')) throw error;
    });
  return plan!;
}

describe.each(backends)('the reply claim on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (!backend.skipReason) db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('reads only unsent messages, however long the chats’ history', async () => {
    // 20 chats with 150 sent replies each, then one waiting reply each, on a young table (no
    // statistics yet, as in the first minutes under a flood).
    const chats = Array.from({ length: 20 }, (_, i) => `chat-${i}`);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO outbound_message (channel, chat_id, payload, status, sent_at, external_id, updated_at)
       SELECT 'telegram', 'chat-' || (g % 20), '{"kind":"text","text":"old"}'::jsonb, 'sent', now(), g::text, now()
       FROM generate_series(1, 3000) g`,
    );
    await db.prisma.outboundMessage.createMany({ data: chats.map((chatId) => ({ channel: 'telegram', chatId, payload: { kind: 'text', text: 'new' } })) });

    expect((await tryAcquireLease(db, leaseName('telegram'), HOLDER, 15_000)).held).toBe(true);
    const plan = await explainClaim(db, 200);

    // Claimed all 20; the per-chat order check is a probe of the chat's unsent messages only.
    const probes = nodes(plan).filter((node) => node['Index Name'] === 'outbound_message_unsent_chat_idx');
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((node) => /chat_id/.test(node['Index Cond'] ?? ''))).toBe(true);
    // Finding them never reads the 3,000 sent rows (about 60 heap pages, read once per
    // candidate when the check scans the chats' history): a few buffers per claimed reply.
    const due = nodes(plan).find((node) => node['Subplan Name'] === 'CTE due')!;
    expect(due['Shared Hit Blocks'] + due['Shared Read Blocks']).toBeLessThan(20 * 4);
  });
});
