import type { Database } from '../../storage/database.js';
import { Prisma } from '../../storage/generated/client.js';
import { andInScope, type RecipientScope } from './recipient-scope.js';

export interface ChannelChats {
  channel: string;
  /** Chats linked to a KPM (identity proven). */
  chats: number;
}

/** Linked chats per channel (telegram, whatsapp, …), most first. */
export async function linkedChatsPerChannel(db: Pick<Database, 'prisma'>, scope?: RecipientScope): Promise<ChannelChats[]> {
  return db.prisma.$queryRaw<ChannelChats[]>(Prisma.sql`
    SELECT channel, count(*)::int AS chats
      FROM conversation
     WHERE recipient_id IS NOT NULL ${andInScope('recipient_id', scope)}
     GROUP BY channel
     ORDER BY chats DESC, channel`);
}
