import type { Database } from '../../storage/database.js';

/**
 * When the person in `chatId` last wrote to the Cloud API number, from the inbound store, or
 * null when never. `received_at` is when we stored the message: seconds after the person sent it,
 * or longer when Meta had to retry the webhook. Where that makes the window look open when it
 * has closed, Meta refuses the send with 131047 and the message fails with that reason.
 */
export function createLastInboundAt(db: Pick<Database, 'prisma'>): (chatId: string) => Promise<Date | null> {
  return async (chatId) => {
    const row = await db.prisma.inboundMessage.aggregate({
      where: { channel: 'whatsapp-cloud', chatId },
      _max: { receivedAt: true },
    });
    return row._max.receivedAt ?? null;
  };
}
