import type { Prisma } from '../../storage/generated/client.js';
import type { RecipientRow } from '../rows/recipient-row.js';
import { emptyOutcome, type BatchOutcome } from './batch-outcome.js';
import { insertRecipients } from './insert-recipients.js';
import type { Numbered } from './numbered.js';
import { updateRecipients, type RecipientChange } from './update-recipients.js';

const STORED_FIELDS = ['fullName', 'kkNumber', 'phone', 'regency', 'district', 'village'] as const;

/** Upserts one batch of KPM by NIK; a row equal to what is stored is not written at all. */
export async function writeRecipientBatch(
  tx: Prisma.TransactionClient,
  batch: Numbered<RecipientRow>[],
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const stored = await tx.recipient.findMany({
    where: { nik: { in: batch.map(({ row }) => row.nik) } },
    select: {
      id: true, nik: true, fullName: true, kkNumber: true, phone: true, regency: true, district: true, village: true,
    },
  });
  const byNik = new Map(stored.map((recipient) => [recipient.nik, recipient]));
  const toCreate: RecipientRow[] = [];
  const toUpdate: RecipientChange[] = [];
  for (const { row } of batch) {
    const current = byNik.get(row.nik);
    if (!current) {
      toCreate.push(row);
    } else if (STORED_FIELDS.every((name) => current[name] === row[name])) {
      outcome.unchanged++;
    } else {
      const { nik: _nik, ...fields } = row;
      toUpdate.push({ ...fields, id: current.id });
    }
  }
  await updateRecipients(tx, toUpdate);
  outcome.updated += toUpdate.length;
  outcome.created += await insertRecipients(tx, toCreate);
  return outcome;
}
