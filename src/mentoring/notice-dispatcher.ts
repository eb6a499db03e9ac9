import type { Translate } from '../i18n/create-translator.js';
import { indonesianZoneOr } from '../domain/local-time.js';
import { resolveAudience } from '../proactive/audience.js';
import { writeSends } from '../proactive/enqueue.js';
import { LANE_BULK } from '../outbox/outbox-store.js';
import { groupsStillOwned, ownerScopeNow } from '../proactive/owner-scope.js';
import { loadQuietHours } from '../proactive/quiet-hours-store.js';
import type { QuietHours } from '../proactive/quiet-hours.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { noticeMessage, type NoticeKind } from './notice-messages.js';
import { syncInvitations } from './sessions.js';

/**
 * Delivers due session notices (invitation, reminders, reschedule and cancel notices) through
 * the proactive delivery core (src/proactive): each notice is taken with FOR UPDATE SKIP LOCKED
 * and fired in one transaction that resolves the invitees' chats and writes one
 * `proactive_send` per KPM, unique on (session-notice, notice id, revision, KPM), with its
 * outbox message in the bulk lane. So a notice reaches each KPM once, on the chat they used
 * last, across restarts and processes; opt-out, blocked chats, quiet hours (a reminder due at
 * night waits for the morning) and the Cloud API window are honoured there, as for broadcasts.
 *
 * A reminder planned for an earlier revision of the session (before a reschedule), or for a
 * cancelled or already started session, is skipped, never sent late; of several reminders due
 * at once only the latest is sent.
 *
 * An invitation, reminder or reschedule notice reaches only the session's groups its
 * facilitator still has when it fires (src/proactive/owner-scope.ts): invitees of a group taken
 * from them are recorded as skipped ('outside-owner-groups'), and a notice left with none of the
 * session's groups is skipped ('skipped-owner-groups'). A cancel notice still reaches everyone
 * invited: it only tells them not to come.
 */
export interface NoticeDispatchOptions {
  db: Database;
  translate: Translate;
  now: Date;
  /** Notices per transaction. */
  batchSize?: number;
  /** Quiet hours per regency; default: the stored overrides over 21:00–07:00 (the scheduler passes the proactive core's, with the configured default). */
  quietHoursFor?: (regency: string) => QuietHours;
}

type Tx = Prisma.TransactionClient;

/** Fires every notice due at `now`; returns how many notices were handled. */
export async function fireDueNotices(options: NoticeDispatchOptions): Promise<number> {
  const quietHoursFor = options.quietHoursFor ?? (await loadQuietHours(options.db));
  let total = 0;
  for (;;) {
    const handled = await options.db.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<Array<{ id: number }>>`
        SELECT id FROM session_notice WHERE fired_at IS NULL AND fire_at <= ${options.now}
        ORDER BY fire_at, id LIMIT ${options.batchSize ?? 10} FOR UPDATE SKIP LOCKED`;
      for (const { id } of due) await fireNotice(tx, id, options, quietHoursFor);
      return due.length;
    }, { maxWait: 30_000, timeout: 60_000 });
    total += handled;
    if (handled < (options.batchSize ?? 10)) return total;
  }
}

async function fireNotice(tx: Tx, noticeId: number, options: NoticeDispatchOptions, quietHoursFor: (regency: string) => QuietHours): Promise<void> {
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

  let ownerGroups: number[] | null = null;
  if (asksAnswer) {
    const groups = await tx.mentoringSessionGroup.findMany({ where: { sessionId: session.id }, select: { groupId: true } });
    ownerGroups = groupsStillOwned({ groupIds: groups.map((group) => group.groupId) }, await ownerScopeNow(tx, session.facilitatorId));
    if (ownerGroups?.length === 0) return void (await finish('skipped-owner-groups'));
  }

  if (asksAnswer) await syncInvitations(tx, session.id);
  const invitations = await tx.sessionInvitation.findMany({ where: { sessionId: session.id }, select: { id: true, recipientId: true } });
  if (invitations.length === 0) return void (await finish('sent'));
  const zone = indonesianZoneOr(session.timeZone);
  const audience = await resolveAudience(tx, { recipientIds: invitations.map((inv) => inv.recipientId) }, 'all', ownerGroups);
  await writeSends(tx, {
    sourceKind: 'session-notice',
    sourceId: noticeId,
    occurrenceKey: `r${notice.revision}`,
    audience,
    message: { kind: 'reply', reply: noticeMessage(kind, { id: session.id, title: session.title, startsAt: session.startsAt, timeZone: zone, place: session.place }) },
    notBefore: now,
    lane: LANE_BULK,
    translate: options.translate,
    quietHoursFor,
  });
  if (asksAnswer) {
    // The chat each KPM was asked on is the one that may answer (see rsvp-intercept.ts).
    for (const member of audience) {
      if (member.reason !== null || member.channel === null || member.chatId === null) continue;
      await tx.sessionInvitation.updateMany({
        where: { sessionId: session.id, recipientId: member.recipientId },
        data: { promptChannel: member.channel, promptChatId: member.chatId, promptedAt: now },
      });
    }
  }
  await finish('sent');
}
