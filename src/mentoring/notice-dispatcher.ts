import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { OutboundContent } from '../channels/channel-port.js';
import { DEFAULT_TIME_ZONE } from '../kpm-effects/local-time.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { noticeMessage, type NoticeKind } from './notice-messages.js';
import { syncInvitations } from './sessions.js';
import { isIndonesianZone } from './zoned-time.js';

/**
 * Delivers due session notices (invitation, reminders, reschedule and cancel notices). Each
 * notice is taken with FOR UPDATE SKIP LOCKED and fired in one transaction that also writes its
 * messages to the outbox and one `session_notice_delivery` row per invited KPM (primary key
 * (notice, invitation)): a notice goes to each KPM once, across restarts and processes.
 * A reminder planned for an earlier revision of the session (before a reschedule), or for a
 * cancelled or already started session, is skipped, never sent late; of several reminders due
 * at once only the latest is sent.
 *
 * Each KPM gets it on the chat they used last (a KPM linked on WhatsApp and Telegram gets one
 * copy); a KPM with no linked chat is counted as `no-chat`.
 */
export interface NoticeDispatchOptions {
  db: Database;
  render(spec: ReplySpec, language: string): OutboundContent;
  now: Date;
  /** Notices per transaction. */
  batchSize?: number;
}

type Tx = Prisma.TransactionClient;

/** Fires every notice due at `now`; returns how many notices were handled. */
export async function fireDueNotices(options: NoticeDispatchOptions): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await options.db.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<Array<{ id: number }>>`
        SELECT id FROM session_notice WHERE fired_at IS NULL AND fire_at <= ${options.now}
        ORDER BY fire_at, id LIMIT ${options.batchSize ?? 10} FOR UPDATE SKIP LOCKED`;
      for (const { id } of due) await fireNotice(tx, id, options);
      return due.length;
    }, { maxWait: 30_000, timeout: 60_000 });
    total += handled;
    if (handled < (options.batchSize ?? 10)) return total;
  }
}

async function fireNotice(tx: Tx, noticeId: number, options: NoticeDispatchOptions): Promise<void> {
  const { now } = options;
  const notice = await tx.sessionNotice.findUniqueOrThrow({ where: { id: noticeId }, include: { session: true } });
  const { session } = notice;
  const kind = notice.kind as NoticeKind;
  const asksAnswer = kind !== 'cancelled';
  const finish = (outcome: string) => tx.sessionNotice.update({ where: { id: noticeId }, data: { firedAt: now, outcome } });
  if (asksAnswer && (notice.revision !== session.revision || session.status === 'cancelled')) return void (await finish('skipped-stale'));
  if (asksAnswer && session.startsAt <= now) return void (await finish('skipped-started'));
  // Several reminders due at once (the process was down, or the session was planned late): only
  // the latest goes out; the earlier ones are late and would arrive as a burst.
  if (kind === 'reminder') {
    const later = await tx.sessionNotice.count({
      where: { sessionId: session.id, kind: 'reminder', revision: session.revision, firedAt: null, fireAt: { gt: notice.fireAt, lte: now } },
    });
    if (later > 0) return void (await finish('skipped-superseded'));
  }

  if (asksAnswer) await syncInvitations(tx, session.id);
  const invitations = await tx.sessionInvitation.findMany({ where: { sessionId: session.id }, select: { id: true, recipientId: true } });
  const chats = await lastUsedChats(tx, invitations.map((inv) => inv.recipientId));
  const zone = isIndonesianZone(session.timeZone) ? session.timeZone : DEFAULT_TIME_ZONE;

  const deliveries: Prisma.SessionNoticeDeliveryCreateManyInput[] = [];
  const outbound: Prisma.OutboundMessageCreateManyInput[] = [];
  const prompted: Array<{ invitationId: number; channel: string; chatId: string }> = [];
  for (const invitation of invitations) {
    const chat = chats.get(invitation.recipientId);
    deliveries.push({ noticeId, invitationId: invitation.id, at: now, outcome: chat ? 'queued' : 'no-chat', channel: chat?.channel ?? null, chatId: chat?.chatId ?? null });
    if (!chat) continue;
    const spec = noticeMessage(kind, { id: session.id, title: session.title, startsAt: session.startsAt, timeZone: zone, place: session.place });
    outbound.push({ channel: chat.channel, chatId: chat.chatId, kind: 'reminder', payload: options.render(spec, chat.language) as unknown as Prisma.InputJsonValue });
    if (asksAnswer) prompted.push({ invitationId: invitation.id, channel: chat.channel, chatId: chat.chatId });
  }
  const inserted = await tx.sessionNoticeDelivery.createMany({ data: deliveries, skipDuplicates: true });
  // The primary key is the last guard: were any row already there, this notice was delivered before.
  if (inserted.count !== deliveries.length) throw new Error(`session notice ${noticeId} was already delivered in part`);
  if (outbound.length > 0) await tx.outboundMessage.createMany({ data: outbound });
  for (const prompt of prompted) {
    await tx.sessionInvitation.update({ where: { id: prompt.invitationId }, data: { promptChannel: prompt.channel, promptChatId: prompt.chatId, promptedAt: now } });
  }
  await finish('sent');
}

/** Each recipient's most recently used, unblocked chat. */
async function lastUsedChats(tx: Tx, recipientIds: number[]) {
  const chats = new Map<number, { channel: string; chatId: string; language: string }>();
  if (recipientIds.length === 0) return chats;
  const conversations = await tx.conversation.findMany({
    where: { recipientId: { in: recipientIds }, blockedAt: null },
    orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    select: { recipientId: true, channel: true, chatId: true, language: true },
  });
  for (const conversation of conversations) {
    if (conversation.recipientId !== null && !chats.has(conversation.recipientId)) chats.set(conversation.recipientId, conversation);
  }
  return chats;
}
