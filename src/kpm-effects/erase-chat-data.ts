import type { ChatRef } from '../../flows/kpm-assistant/contract.js';
import { writeAudit } from '../audit/write-audit.js';
import type { TurnScope } from '../engine/flow-binding.js';
import { redactedInboundPayload, redactedOutboundPayload } from '../retention/redacted-payload.js';

/**
 * "Hapus data saya", confirmed: clears the text of every message this chat sent and received,
 * its stored phone and its link, in the turn's transaction. The snapshot is replaced when the
 * turn is saved (the flow is back at the menu, unlinked, holding nothing). The audit keeps the
 * fact, the chat and the time, no content.
 *
 * Kept on purpose: verification attempts (erasing them would reset the per-chat attempt limit;
 * they expire with their window), replies still waiting to be sent (they go out, then expire
 * with the retention period), and the recipient's record itself (Dinas Sosial's register).
 */
export async function eraseChatData(scope: TurnScope, chat: ChatRef): Promise<void> {
  const { tx } = scope;
  const conversation = await tx.conversation.findUnique({
    where: { channel_chatId: { channel: chat.channel, chatId: chat.chatId } },
    select: { recipientId: true },
  });
  // Pending messages (this one included) lose their text when they are processed.
  const inbound = await tx.$executeRaw`
    UPDATE inbound_message SET payload = ${redactedInboundPayload}, redacted_at = now()
    WHERE channel = ${chat.channel} AND chat_id = ${chat.chatId} AND status <> 'pending' AND redacted_at IS NULL`;
  const outbound = await tx.$executeRaw`
    UPDATE outbound_message SET payload = ${redactedOutboundPayload}, redacted_at = now()
    WHERE channel = ${chat.channel} AND chat_id = ${chat.chatId} AND status IN ('sent', 'failed', 'blocked') AND redacted_at IS NULL`;
  await tx.conversation.updateMany({
    where: { channel: chat.channel, chatId: chat.chatId },
    data: { senderPhone: null, recipientId: null },
  });
  scope.forgetSender();
  await writeAudit(tx, {
    action: 'erase',
    channel: chat.channel,
    chatId: chat.chatId,
    recipientId: conversation?.recipientId ?? null,
    details: { inboundCleared: inbound, outboundCleared: outbound },
  });
}
