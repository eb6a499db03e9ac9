import { checkProgramStage, loadProgramCatalog } from '../importing/catalog/program-catalog.js';
import { inImportTransaction } from '../importing/writing/in-import-transaction.js';
import { writeStageBatch } from '../importing/writing/write-stage-batch.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { changedFields, type StageChangeAudit } from './stage-change-audit.js';
import { parseStageForm, type StageFieldErrors, type StageForm } from './stage-form.js';

export interface ChangeStageOptions {
  /** Writes the audit entry inside the change's transaction (the caller adds the staff actor). */
  audit: (tx: Prisma.TransactionClient, entry: StageChangeAudit) => Promise<void>;
  /** "Now", for the not-in-the-future rule. */
  now?: Date;
}

export type ChangeStageResult =
  | { ok: true; outcome: 'created' | 'updated' | 'unchanged'; eventId: number }
  | { ok: false; code: 'invalid'; errors: StageFieldErrors }
  | { ok: false; code: 'unknown-recipient' };

/**
 * Sets one KPM's stage in a program from the dashboard form, with the stages import's rules
 * and writer: the stage must be defined for the program, the date real and not in the future,
 * the amount whole rupiah. The event, keyed by (KPM, program, stage), is created or updated,
 * and `audit` is called in the same transaction (which also holds the import lock, so a
 * concurrent import and this change take turns). Access to the KPM is the caller's check.
 */
export async function changeStage(
  db: Pick<Database, 'prisma'>,
  recipientId: number,
  form: StageForm,
  options: ChangeStageOptions,
): Promise<ChangeStageResult> {
  const parsed = parseStageForm(form, options.now ?? new Date());
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors };
  const values = parsed.value;

  return inImportTransaction(db.prisma, {}, async (tx): Promise<ChangeStageResult> => {
    const recipient = await tx.recipient.findUnique({ where: { id: recipientId }, select: { nik: true } });
    if (!recipient) return { ok: false, code: 'unknown-recipient' };
    const unknown = checkProgramStage(await loadProgramCatalog(tx), values.programCode, values.stageCode);
    if (unknown) {
      const field = unknown.code === 'unknown-program' ? 'program' : 'stage';
      return { ok: false, code: 'invalid', errors: { [field]: unknown } };
    }

    const key = { recipientId_programCode_stageCode: { recipientId, programCode: values.programCode, stageCode: values.stageCode } };
    const before = await tx.stageEvent.findUnique({ where: key });
    const written = await writeStageBatch(tx, [{ line: 1, row: { nik: recipient.nik, ...values } }], { channel: false, place: false });
    const after = await tx.stageEvent.findUniqueOrThrow({ where: key });
    const outcome = written.created > 0 ? 'created' : written.updated > 0 ? 'updated' : 'unchanged';

    await options.audit(tx, {
      action: 'stage.change',
      recipientId,
      details: {
        program: values.programCode,
        stage: values.stageCode,
        outcome,
        eventId: after.id,
        changed: changedFields(before, after),
        before: before && { occurredOn: isoDate(before.occurredOn) },
        after: { occurredOn: isoDate(after.occurredOn) },
      },
    });
    return { ok: true, outcome, eventId: after.id };
  });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
