import type { Prisma } from '../storage/generated/client.js';

/** What was disclosed or changed. Every disclosure of a recipient's data is one of these. */
export type AuditAction =
  | 'disclose.eligibility'
  | 'disclose.status'
  | 'link'
  | 'unlink'
  /** The person had this chat's data erased ("hapus data saya"). */
  | 'erase';

export interface AuditEntry {
  action: AuditAction;
  channel: string;
  chatId: string;
  recipientId: number | null;
  /** Facts about the disclosure (e.g. which programs), never the data itself. */
  details?: Prisma.InputJsonValue;
}

/** Writes one audit entry inside the caller's transaction, so it lands exactly when the disclosure does. */
export async function writeAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      action: entry.action,
      channel: entry.channel,
      chatId: entry.chatId,
      recipientId: entry.recipientId,
      ...(entry.details === undefined ? {} : { details: entry.details }),
    },
  });
}
