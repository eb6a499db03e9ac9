import type { Database } from '../storage/database.js';
import { Prisma } from '../storage/generated/client.js';
import { lockConversations } from './conversation-sql.js';
import { moveSnapshot } from './seal-context.js';

export interface MergeChatInput {
  channel: string;
  /** The id the person was known by until now (a WhatsApp LID). */
  from: string;
  /** The id the channel uses for them from now on (their phone-number JID). */
  into: string;
}

export interface MergeChatResult {
  /** 'nothing': `from` had no conversation and nothing waiting; 'renamed': only `from` had one; 'merged': both had. */
  outcome: 'nothing' | 'renamed' | 'merged';
  /** Messages still to answer that now wait under `into`. */
  pendingMoved: number;
}

type ConversationRow = Prisma.ConversationGetPayload<object>;

/**
 * Moves what is kept under one chat id to another id of the same person, in one transaction
 * holding both conversations' locks (so no turn of either runs meanwhile):
 * - the conversation: renamed when `into` has none. When both exist, one conversation's state
 *   continues under `into` and the other is deleted: a chat linked to a recipient wins over one
 *   that is not (verification is the costly step), else the one the person used last. Its
 *   snapshot is sealed again for the new id and its `chatId`s renamed (moveSnapshot). An
 *   opt-out (BERHENTI) on either survives: consent withdrawn on one id covers the person.
 * - messages not yet answered, and replies not yet claimed by the sender, move with it (ids keep
 *   arrival order); invitation prompts (so an RSVP from the new id finds its invitation),
 *   verification and linking attempts (so limits are not reset by a change of address) and a
 *   facilitator link (unless `into` has its own) move too.
 * - the audit log stays as written: it records which id saw what.
 */
export async function mergeChat(db: Database, sealKey: Buffer | undefined, input: MergeChatInput): Promise<MergeChatResult> {
  const { channel, from, into } = input;
  if (from === into) return { outcome: 'nothing', pendingMoved: 0 };
  return db.prisma.$transaction(async (tx) => {
    await lockConversations(tx, db.kind, [
      { channel, chatId: from },
      { channel, chatId: into },
    ]);
    const rows = await tx.conversation.findMany({ where: { channel, chatId: { in: [from, into] } } });
    const source = rows.find((row) => row.chatId === from);
    const target = rows.find((row) => row.chatId === into);
    const pending = await tx.inboundMessage.updateMany({ where: { channel, chatId: from, status: 'pending' }, data: { chatId: into } });
    if (!source && pending.count === 0) return { outcome: 'nothing', pendingMoved: 0 };

    let outcome: MergeChatResult['outcome'] = 'nothing';
    if (source) {
      if (!target) {
        await tx.conversation.update({ where: { id: source.id }, data: { chatId: into, snapshot: movedSnapshot(source, sealKey, input) } });
        outcome = 'renamed';
      } else {
        const optedOutAt = target.optedOutAt ?? source.optedOutAt;
        const state = continues(source, target) === source
          ? {
              machineId: source.machineId,
              machineVersion: source.machineVersion,
              snapshot: movedSnapshot(source, sealKey, input),
              language: source.language,
              recipientId: source.recipientId,
              senderPhone: source.senderPhone,
              lastActivityAt: source.lastActivityAt,
              blockedAt: source.blockedAt,
            }
          : {};
        await tx.conversation.delete({ where: { id: source.id } });
        await tx.conversation.update({ where: { id: target.id }, data: { ...state, optedOutAt } });
        outcome = 'merged';
      }
    }

    await tx.outboundMessage.updateMany({ where: { channel, chatId: from, status: 'pending' }, data: { chatId: into } });
    await tx.sessionInvitation.updateMany({ where: { promptChannel: channel, promptChatId: from }, data: { promptChatId: into } });
    await tx.verificationAttempt.updateMany({ where: { channel, chatId: from }, data: { chatId: into } });
    await tx.facilitatorLinkAttempt.updateMany({ where: { channel, chatId: from }, data: { chatId: into } });
    const facilitator = await tx.facilitatorChat.findMany({ where: { channel, chatId: { in: [from, into] } }, select: { chatId: true } });
    if (facilitator.some((row) => row.chatId === from)) {
      if (facilitator.some((row) => row.chatId === into)) await tx.facilitatorChat.delete({ where: { channel_chatId: { channel, chatId: from } } });
      else await tx.facilitatorChat.update({ where: { channel_chatId: { channel, chatId: from } }, data: { chatId: into } });
    }
    return { outcome, pendingMoved: pending.count };
  }, { maxWait: 30_000, timeout: 30_000 });
}

/** Which of two conversations of one person goes on: the linked one, else the one used last. */
function continues(a: ConversationRow, b: ConversationRow): ConversationRow {
  if ((a.recipientId === null) !== (b.recipientId === null)) return a.recipientId !== null ? a : b;
  return a.lastActivityAt > b.lastActivityAt ? a : b;
}

function movedSnapshot(row: ConversationRow, sealKey: Buffer | undefined, input: MergeChatInput): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (row.snapshot === null) return Prisma.DbNull;
  const moved = moveSnapshot(row.snapshot, sealKey, input.channel, input.from, input.into);
  return moved === null ? Prisma.DbNull : (moved as Prisma.InputJsonValue);
}
