import type { Prisma } from '../../storage/generated/client.js';
import type { ContactRow } from '../rows/contact-row.js';
import { emptyOutcome, type BatchOutcome } from './batch-outcome.js';
import type { Numbered } from './numbered.js';

const STORED_FIELDS = ['name', 'phone', 'whatsapp', 'address'] as const;

/** Upserts one batch of contacts by area; a row equal to what is stored is not written at all. */
export async function writeContactBatch(tx: Prisma.TransactionClient, batch: Numbered<ContactRow>[]): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const stored = await tx.contact.findMany({ where: { area: { in: batch.map(({ row }) => row.area) } } });
  const byArea = new Map(stored.map((contact) => [contact.area, contact]));
  for (const { row } of batch) {
    const current = byArea.get(row.area);
    if (!current) {
      await tx.contact.create({ data: row });
      outcome.created++;
    } else if (STORED_FIELDS.every((name) => current[name] === row[name])) {
      outcome.unchanged++;
    } else {
      await tx.contact.update({ where: { area: row.area }, data: row });
      outcome.updated++;
    }
  }
  return outcome;
}
