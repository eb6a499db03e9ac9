import { fromPromise } from 'xstate';
import type {
  AnnouncementPreview,
  AnnouncementTarget,
  ChatRef,
  CreateSessionInput,
  CreateSessionOutput,
  GroupOption,
  ListSessionsInput,
  MarkAttendanceInput,
  OverviewOutput,
  ReplySpec,
  ReportRecapOutput,
  RescheduleInput,
  SendAnnouncementInput,
  SendAnnouncementOutput,
  SessionChangeOutput,
  SessionOption,
  SessionRef,
} from '../../flows/facilitator/contract.js';
import type { Translate } from '../i18n/create-translator.js';
import { resolveAudience } from '../proactive/audience.js';
import { confirmBroadcastIn, insertBroadcast } from '../proactive/broadcasts.js';
import { loadQuietHoursTable } from '../proactive/quiet-hours-store.js';
import type { QuietHours } from '../proactive/quiet-hours.js';
import type { TurnScope } from '../engine/flow-binding.js';
import { turnScopeOf } from '../engine/turn-scope.js';
import { indonesianZoneOr, toLocalTime } from '../domain/local-time.js';
import type { ReminderOffset } from '../mentoring/reminder-offsets.js';
import { groupScopeWhere, type SessionActor } from '../mentoring/session-actor.js';
import { cancelSession, createSession, listSessions, markAttendance, rescheduleSession, sessionDetail, type SessionSummary } from '../mentoring/sessions.js';
import type { Prisma } from '../storage/generated/client.js';
import { loadReportRecap } from '../report-review/load-report-recap.js';
import { recapReply } from '../report-review/recap-reply.js';
import { linkedFacilitator, unlinkFacilitatorChat } from './link-codes.js';

export interface FacilitatorEffectsConfig {
  reminderOffsets: readonly ReminderOffset[];
  translate: Translate;
  now?: () => Date;
  /** The configured default quiet hours (QUIET_HOURS_START/END), as the proactive core has them; else 21:00–07:00. */
  quietHours?: QuietHours;
}

/** Attendance lists look back this far. */
const RECENT_MS = 30 * 24 * 60 * 60_000;

/**
 * The facilitator flow's effects over the database, each run on its turn's transaction (found
 * through its actor system, built once per process; `fixedScope` for tests). Each
 * resolves the account from the chat's link (never from the flow), so a chat unlinked meanwhile
 * reaches nothing.
 */
export function createFacilitatorEffects(config: FacilitatorEffectsConfig, fixedScope?: TurnScope) {
  const now = () => config.now?.() ?? new Date();
  const txOf = (system: object): Prisma.TransactionClient => (fixedScope ?? turnScopeOf(system)).tx;

  async function actorOf(tx: Prisma.TransactionClient, chat: ChatRef): Promise<SessionActor> {
    const link = await linkedFacilitator(tx, chat.channel, chat.chatId);
    if (!link) throw new Error('chat is not linked to an enabled facilitator');
    return { staffUserId: link.staffUserId, role: 'facilitator', channel: chat.channel, chatId: chat.chatId };
  }

  const option = (session: SessionSummary): SessionOption => ({
    id: session.id,
    title: session.title,
    when: toLocalTime(session.startsAt, session.timeZone),
    place: session.place,
    groups: session.groupNames.join(', '),
    invited: session.invited,
    answered: session.answered,
    coming: session.coming,
    attended: session.attended,
  });

  return {
    listGroups: fromPromise<GroupOption[], ChatRef>(async ({ input, system }) => {
      const tx = txOf(system);
      const actor = await actorOf(tx, input);
      const groups = await tx.kpmGroup.findMany({ where: groupScopeWhere(actor), orderBy: { name: 'asc' }, select: { id: true, name: true, _count: { select: { members: true } } } });
      return groups.map((group) => ({ id: group.id, name: group.name, members: group._count.members }));
    }),

    createSession: fromPromise<CreateSessionOutput, CreateSessionInput>(async ({ input, system }) => {
      const tx = txOf(system);
      const actor = await actorOf(tx, input);
      const result = await createSession(tx, actor, input, config.reminderOffsets, now());
      return result.ok ? { ok: true, when: toLocalTime(result.value.startsAt, result.value.timeZone) } : result;
    }),

    listSessions: fromPromise<SessionOption[], ListSessionsInput>(async ({ input, system }) => {
      const tx = txOf(system);
      const actor = await actorOf(tx, input);
      const from = input.range === 'recent' ? new Date(now().getTime() - RECENT_MS) : now();
      return (await listSessions(tx, actor, { from, take: 20 })).map(option);
    }),

    cancelSession: fromPromise<SessionChangeOutput, SessionRef>(async ({ input, system }) => {
      const tx = txOf(system);
      const result = await cancelSession(tx, await actorOf(tx, input), input.sessionId, now());
      return result.ok ? { ok: true } : result;
    }),

    rescheduleSession: fromPromise<SessionChangeOutput, RescheduleInput>(async ({ input, system }) => {
      const tx = txOf(system);
      const actor = await actorOf(tx, input);
      const result = await rescheduleSession(tx, actor, input.sessionId, input.startsLocal, config.reminderOffsets, now());
      if (!result.ok) return result;
      const session = await tx.mentoringSession.findUniqueOrThrow({ where: { id: input.sessionId }, select: { timeZone: true } });
      return { ok: true, when: toLocalTime(result.value.startsAt, indonesianZoneOr(session.timeZone)) };
    }),

    sessionOverview: fromPromise<OverviewOutput, SessionRef>(async ({ input, system }) => {
      const tx = txOf(system);
      const detail = await sessionDetail(tx, await actorOf(tx, input), input.sessionId);
      if (!detail) return null;
      return {
        ...option(detail),
        invitees: detail.invitees.map((invitee) => ({
          invitationId: invitee.invitationId,
          name: invitee.fullName,
          rsvp: invitee.rsvp === 'coming' || invitee.rsvp === 'not-coming' ? invitee.rsvp : null,
          attended: invitee.attended,
        })),
      };
    }),

    markAttendance: fromPromise<{ marked: number }, MarkAttendanceInput>(async ({ input, system }) => {
      const tx = txOf(system);
      const actor = await actorOf(tx, input);
      const all = await tx.sessionInvitation.findMany({ where: { sessionId: input.sessionId }, select: { id: true } });
      const present = new Set(input.present);
      const marks = new Map(all.map((inv) => [inv.id, present.has(inv.id)] as const));
      const result = await markAttendance(tx, actor, input.sessionId, marks, now());
      return { marked: result.ok ? present.size : 0 };
    }),

    previewAnnouncement: fromPromise<AnnouncementPreview, AnnouncementTarget>(async ({ input, system }) => {
      const tx = txOf(system);
      const audience = await announcementAudience(tx, await actorOf(tx, input), input.groupId);
      const count = (reason: string | null) => audience.filter((member) => member.reason === reason).length;
      return { reachable: count(null), optedOut: count('opted-out'), noChat: audience.length - count(null) - count('opted-out') };
    }),

    // A Broadcast like the dashboard's (src/proactive/broadcasts.ts), created and confirmed in
    // this turn's transaction: it shows in the dashboard's Pengumuman list with its progress and
    // can be cancelled there. Its request key is the conversation and this turn's inbound
    // message, so a confirmation processed again finds the same broadcast and sends nothing more.
    sendAnnouncement: fromPromise<SendAnnouncementOutput, SendAnnouncementInput>(async ({ input, system }) => {
      const turn = fixedScope ?? turnScopeOf(system);
      const tx = turn.tx;
      const actor = await actorOf(tx, input);
      const scope = await facilitatorScope(tx, actor);
      if (!scope.groupIds.includes(input.groupId)) return { queued: 0 };
      const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: actor.staffUserId }, select: { displayName: true } });
      const reply: ReplySpec = { lines: [{ key: 'facilitator.announce.message', params: { name: staff.displayName, text: input.text } }] };
      const at = now();
      const broadcast = await insertBroadcast(
        tx,
        { requestKey: announcementKey(input, turn.message.externalId), createdById: actor.staffUserId, target: { groupIds: [input.groupId] }, message: { kind: 'reply', reply } },
        scope,
        at,
      );
      const quietHours = await loadQuietHoursTable({ prisma: tx as never }, config.quietHours);
      const { enqueued } = await confirmBroadcastIn(tx, { translate: config.translate, quietHours, now: at }, broadcast.id, scope, actor);
      if (enqueued) return { queued: enqueued.queued };
      // Confirmed before (the same turn again): tell what that confirmation queued.
      return { queued: await tx.proactiveSend.count({ where: { sourceKind: 'broadcast', sourceId: broadcast.id, skipReason: null } }) };
    }),

    reportRecap: fromPromise<ReportRecapOutput, ChatRef>(async ({ input, system }) => {
      const tx = txOf(system);
      const actor = await actorOf(tx, input);
      // Audited in this turn's transaction ('staff.view.business-reports', this chat).
      const { groups, month } = await loadReportRecap(tx, { staffUserId: actor.staffUserId, channel: input.channel, chatId: input.chatId, now: now() });
      return recapReply(groups, month);
    }),

    unlinkChat: fromPromise<void, ChatRef>(async ({ input, system }) => {
      const tx = txOf(system);
      await unlinkFacilitatorChat(tx, input.channel, input.chatId);
    }),
  };
}

/** The groups a facilitator may reach (their own), as a proactive scope. */
async function facilitatorScope(tx: Prisma.TransactionClient, actor: SessionActor): Promise<{ groupIds: number[] }> {
  const groups = await tx.kpmGroup.findMany({ where: groupScopeWhere(actor), select: { id: true } });
  return { groupIds: groups.map((group) => group.id) };
}

/** One broadcast per chat turn: the conversation (channel and chat) and the inbound message it answers. */
export function announcementKey(chat: ChatRef, externalId: string): string {
  return `chat:${chat.channel}:${chat.chatId}:${externalId}`;
}

/** The members of one of the actor's groups, each with their chat or why none (opted out, never chatted, ...). */
async function announcementAudience(tx: Prisma.TransactionClient, actor: SessionActor, groupId: number) {
  const group = await tx.kpmGroup.findFirst({ where: { AND: [{ id: groupId }, groupScopeWhere(actor)] }, select: { id: true } });
  if (!group) return [];
  return resolveAudience(tx, { groupIds: [groupId] });
}
