import { Prisma } from '../../storage/generated/client.js';

/**
 * The KPM a reader may see, as a SQL query yielding recipient ids — e.g. a facilitator's
 * groups: Prisma.sql`SELECT m.recipient_id FROM kpm_group_member m JOIN kpm_group_facilitator f
 * ON f.group_id = m.group_id WHERE f.staff_user_id = ${id}`. Undefined: every KPM (operators).
 * SQL rather than a Prisma filter because the statistics are aggregate queries Prisma cannot
 * express; the caller builds it from trusted values only (parameters, never user text).
 */
export type RecipientScope = Prisma.Sql | undefined;

/** `AND <column> IN (<scope>)`, or nothing when unscoped. */
export function andInScope(column: string, scope: RecipientScope): Prisma.Sql {
  return scope ? Prisma.sql`AND ${Prisma.raw(column)} IN (${scope})` : Prisma.empty;
}

/** `AND (<channel>, <chat_id>) IN (chats linked to a KPM in scope)`, or nothing when unscoped. */
export function andChatInScope(channelColumn: string, chatColumn: string, scope: RecipientScope): Prisma.Sql {
  if (!scope) return Prisma.empty;
  return Prisma.sql`AND (${Prisma.raw(channelColumn)}, ${Prisma.raw(chatColumn)}) IN (
    SELECT c.channel, c.chat_id FROM conversation c WHERE c.recipient_id IN (${scope}))`;
}
