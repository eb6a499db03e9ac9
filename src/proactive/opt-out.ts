import { writeAudit } from '../audit/write-audit.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';

export interface OptOutInput {
  channel: string;
  chatId: string;
  optedOut: boolean;
  now: Date;
}

/**
 * BERHENTI / MULAI. Opting out marks the chat, and in the same transaction every proactive
 * message still waiting for that person (on any of their chats; claimed but not yet sent
 * too) is marked 'skipped': the outbox's sending fence then refuses it. Opting back in clears
 * the mark on all the person's chats. Audited with the time. `changed` is false when nothing
 * was to change (MULAI from someone who never stopped).
 */
export async function setOptOut(db: Pick<Database, 'prisma'>, input: OptOutInput): Promise<{ changed: boolean }> {
  return db.prisma.$transaction((tx) => applyOptOut(tx, input));
}

/** `setOptOut` inside the caller's transaction (the KPM flow's turn). */
export async function applyOptOut(tx: Prisma.TransactionClient, input: OptOutInput): Promise<{ changed: boolean }> {
  // A chat's first message may be BERHENTI: the engine saves its conversation after the turn
  // (ON CONFLICT, keeping opted_out_at), so a row is made here to carry the mark.
  if (input.optedOut) {
    await tx.$executeRaw`
      INSERT INTO conversation (channel, chat_id, machine_id, machine_version, updated_at)
      VALUES (${input.channel}, ${input.chatId}, 'kpm-assistant', 0, now())
      ON CONFLICT (channel, chat_id) DO NOTHING`;
  }
  const conversation = await tx.conversation.findUnique({
    where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
    select: { id: true, recipientId: true, optedOutAt: true },
  });
  const recipientId = conversation?.recipientId ?? null;
  const chats = recipientId === null
    ? { channel: input.channel, chatId: input.chatId }
    : { OR: [{ recipientId }, { channel: input.channel, chatId: input.chatId }] };
  let changed: boolean;
  if (input.optedOut) {
    changed = conversation === null || conversation.optedOutAt === null;
    await tx.conversation.updateMany({ where: { channel: input.channel, chatId: input.chatId, optedOutAt: null }, data: { optedOutAt: input.now } });
    await tx.$executeRaw`
      UPDATE outbound_message o SET status = 'skipped', last_error = 'opted-out', lease_until = NULL, updated_at = now()
      WHERE o.lane = 1 AND o.status IN ('pending', 'claimed')
        AND ((o.channel = ${input.channel} AND o.chat_id = ${input.chatId})
          OR o.proactive_send_id IN (SELECT s.id FROM proactive_send s WHERE s.recipient_id = ${recipientId}))`;
  } else {
    changed = (await tx.conversation.updateMany({ where: { ...chats, optedOutAt: { not: null } }, data: { optedOutAt: null } })).count > 0;
  }
  if (changed) {
    await writeAudit(tx, {
      action: input.optedOut ? 'proactive.opt-out' : 'proactive.opt-in',
      channel: input.channel,
      chatId: input.chatId,
      recipientId,
      details: { at: input.now.toISOString() },
    });
  }
  return { changed };
}
