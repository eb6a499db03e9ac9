import type { Prisma } from '../../storage/generated/client.js';
import type { StageRow } from '../rows/stage-row.js';

export type StageEventChange = Omit<StageRow, 'nik' | 'programCode' | 'stageCode'> & { id: number };

/**
 * Updates many stage events in one statement (row-by-row updates are ~10× slower on large
 * correction files). Column names follow prisma/schema.prisma.
 */
export async function updateStageEvents(tx: Prisma.TransactionClient, changes: StageEventChange[]): Promise<void> {
  if (changes.length === 0) return;
  const column = <K extends keyof StageEventChange>(key: K) => changes.map((change) => change[key]);
  // Dates travel as YYYY-MM-DD text so no driver applies a time zone to them.
  const dates = changes.map((change) => change.occurredOn.toISOString().slice(0, 10));
  await tx.$executeRaw`
    UPDATE stage_event AS e
       SET occurred_on = u.occurred_on, amount = u.amount, channel = u.channel, place = u.place, note = u.note
      FROM unnest(${column('id')}::int[], ${dates}::date[], ${column('amount')}::bigint[],
                  ${column('channel')}::text[], ${column('place')}::text[], ${column('note')}::text[])
           AS u(id, occurred_on, amount, channel, place, note)
     WHERE e.id = u.id`;
}
