import type { Database } from '../../storage/database.js';

/**
 * When the person in `chatId` last wrote to the Cloud API number, from the inbound store, or
 * null when never. `received_at` is when we stored the message, a little after the person sent
 * it, so the window it opens is at most seconds too generous; Meta then answers 131047.
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
