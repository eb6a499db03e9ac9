import type { Database } from '../../storage/database.js';
import { Prisma } from '../../storage/generated/client.js';
import { andChatInScope, andInScope, type RecipientScope } from './recipient-scope.js';

export interface OutboxHealth {
  /** Waiting to be sent (including retries after a failure). */
  pending: number;
  /** Claimed by a sender right now. */
  sending: number;
  /** Given up on (the reason is kept on the message). */
  failed: number;
  /** Chats that blocked the bot: nothing more is sent there. */
  blockedChats: number;
}

/** Outbox counts, each a count over the (status, …) index; a scope counts only its KPM's chats. */
export async function outboxHealth(db: Pick<Database, 'prisma'>, scope?: RecipientScope): Promise<OutboxHealth> {
  const count = async (status: string) => {
    const [row] = await db.prisma.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS n FROM outbound_message
       WHERE status = ${status} ${andChatInScope('channel', 'chat_id', scope)}`);
    return row?.n ?? 0;
  };
  const [blocked] = await db.prisma.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM conversation WHERE blocked_at IS NOT NULL ${andInScope('recipient_id', scope)}`);
  return { pending: await count('pending'), sending: await count('sending'), failed: await count('failed'), blockedChats: blocked?.n ?? 0 };
}
