import type { Prisma } from '../storage/generated/client.js';
import { redactedInboundPayload } from '../retention/redacted-payload.js';
import { lockConversation } from './conversation-sql.js';
import { flowFor, type ProcessOptions } from './process-batch.js';

/** Processing attempts after which a message is set aside, so one bad message cannot stall its chat. */
export const MAX_PROCESSING_ATTEMPTS = 3;

/**
 * Charges a failed attempt to the conversation's oldest pending message (the caller retried it
 * alone, so it is the culprit). At the limit the message is marked failed and the person gets
 * the flow's apology instead of silence. Returns true when the message was set aside.
 */
export async function recordProcessingFailure(
  options: Pick<ProcessOptions, 'db' | 'flow' | 'render'>,
  channel: string,
  chatId: string,
  reason: string,
): Promise<boolean> {
  const { db } = options;
  return db.prisma.$transaction(async (tx) => {
    await lockConversation(tx, db.kind, channel, chatId);
    const oldest = await tx.inboundMessage.findFirst({ where: { channel, chatId, status: 'pending' }, orderBy: { id: 'asc' } });
    if (!oldest) return false;
    const attempts = oldest.attempts + 1;
    const setAside = attempts >= MAX_PROCESSING_ATTEMPTS;
    await tx.inboundMessage.update({
      where: { id: oldest.id },
      data: { attempts, error: reason, ...(setAside ? { status: 'failed', processedAt: new Date() } : {}) },
    });
    if (setAside) {
      // Set aside for good: its text is no longer needed, like a processed message's.
      await tx.$executeRaw`UPDATE inbound_message SET payload = ${redactedInboundPayload}, redacted_at = now() WHERE id = ${oldest.id}`;
      const conversation = await tx.conversation.findUnique({ where: { channel_chatId: { channel, chatId } }, select: { language: true, machineId: true } });
      const flow = flowFor(options, { channel, chatId }, conversation?.machineId ?? null);
      const content = options.render(flow.failureReply, conversation?.language ?? 'id');
      await tx.outboundMessage.create({ data: { channel, chatId, payload: content as unknown as Prisma.InputJsonValue } });
    }
    return setAside;
  });
}
