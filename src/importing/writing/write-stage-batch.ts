import type { Prisma } from '../../storage/generated/client.js';
import type { StageRow } from '../rows/stage-row.js';
import { emptyOutcome, type BatchOutcome } from './batch-outcome.js';
import { insertStageEvents, type NewStageEvent } from './insert-stage-events.js';
import type { Numbered } from './numbered.js';
import { updateStageEvents, type StageEventChange } from './update-stage-events.js';

/** Which optional columns the file lacks. */
export interface StageColumnsAbsent {
  channel: boolean;
  place: boolean;
}

type StoredEvent = Pick<
  Prisma.StageEventGetPayload<object>,
  'id' | 'recipientId' | 'programCode' | 'stageCode' | 'occurredOn' | 'amount' | 'channel' | 'place' | 'note'
>;

/**
 * Upserts one batch of stage events by (KPM, program, stage). The NIK must belong to a KPM
 * already imported; a row equal to what is stored is not written at all.
 */
export async function writeStageBatch(
  tx: Prisma.TransactionClient,
  batch: Numbered<StageRow>[],
  absent: StageColumnsAbsent,
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const recipients = await tx.recipient.findMany({
    where: { nik: { in: [...new Set(batch.map(({ row }) => row.nik))] } },
    select: { id: true, nik: true },
  });
  const idByNik = new Map(recipients.map((recipient) => [recipient.nik, recipient.id]));
  const events = await tx.stageEvent.findMany({
    where: { recipientId: { in: recipients.map((recipient) => recipient.id) } },
    select: {
      id: true, recipientId: true, programCode: true, stageCode: true,
      occurredOn: true, amount: true, channel: true, place: true, note: true,
    },
  });
  const eventByKey = new Map(events.map((event) => [eventKey(event), event]));

  const toCreate: NewStageEvent[] = [];
  const toUpdate: StageEventChange[] = [];
  for (const { line, row } of batch) {
    const recipientId = idByNik.get(row.nik);
    if (recipientId === undefined) {
      outcome.rejected.push({ line, reasons: [{ code: 'unknown-recipient' }] });
      continue;
    }
    const { nik: _nik, ...fields } = row;
    const key = eventKey({ ...fields, recipientId });
    const current = eventByKey.get(key);
    // A file without the optional saluran/lokasi columns leaves those stored values as they are.
    const data = {
      ...fields,
      recipientId,
      channel: absent.channel ? (current?.channel ?? null) : fields.channel,
      place: absent.place ? (current?.place ?? null) : fields.place,
    };
    if (!current) {
      toCreate.push(data);
    } else if (sameEvent(current, data)) {
      outcome.unchanged++;
    } else {
      toUpdate.push({ ...data, id: current.id });
    }
  }
  await updateStageEvents(tx, toUpdate);
  outcome.updated += toUpdate.length;
  outcome.created += await insertStageEvents(tx, toCreate);
  return outcome;
}

function eventKey(event: { recipientId: number; programCode: string; stageCode: string }): string {
  return `${event.recipientId}\u0000${event.programCode}\u0000${event.stageCode}`;
}

function sameEvent(stored: StoredEvent, row: Omit<StoredEvent, 'id'>): boolean {
  return (
    stored.occurredOn.getTime() === row.occurredOn.getTime() &&
    stored.amount === row.amount &&
    stored.channel === row.channel &&
    stored.place === row.place &&
    stored.note === row.note
  );
}
