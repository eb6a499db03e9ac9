/** What a stage change tells the audit log: codes, ids, dates and which fields changed, never amounts or notes. */
export interface StageChangeAudit {
  action: 'stage.change';
  recipientId: number;
  details: {
    program: string;
    stage: string;
    outcome: 'created' | 'updated' | 'unchanged';
    eventId: number;
    /** Fields whose value differs from before (all of them when the stage is new). */
    changed: StageEventField[];
    before: { occurredOn: string } | null;
    after: { occurredOn: string };
  };
}

export type StageEventField = 'occurredOn' | 'amount' | 'channel' | 'place' | 'note';

export const STAGE_EVENT_FIELDS: readonly StageEventField[] = ['occurredOn', 'amount', 'channel', 'place', 'note'];

type EventFacts = { occurredOn: Date; amount: bigint | null; channel: string | null; place: string | null; note: string | null };

/** The fields that differ between two versions of a stage event. */
export function changedFields(before: EventFacts | null, after: EventFacts): StageEventField[] {
  if (!before) return STAGE_EVENT_FIELDS.filter((name) => name === 'occurredOn' || after[name] !== null);
  return STAGE_EVENT_FIELDS.filter((name) =>
    name === 'occurredOn' ? before.occurredOn.getTime() !== after.occurredOn.getTime() : before[name] !== after[name],
  );
}
