import { writeAudit } from '../audit/write-audit.js';
import { DEFAULT_TIME_ZONE, indonesianZoneOr, instantOfLocal, timeZoneOfNik, type IndonesianTimeZone } from '../domain/local-time.js';
import type { Prisma } from '../storage/generated/client.js';
import { reminderTimes, type ReminderOffset } from './reminder-offsets.js';
import { groupScopeWhere, sessionScopeWhere, type SessionActor } from './session-actor.js';

/**
 * Mentoring sessions (jadwal pendampingan): create, reschedule, cancel, list, RSVP and
 * attendance. Every function runs in the caller's transaction and is scoped by the actor: a
 * facilitator reaches only sessions of their own groups; out of scope answers like missing.
 * Messages are not sent here: each change plans `session_notice` rows (invitation, reminders,
 * reschedule or cancel notice) that the notice dispatcher delivers once per KPM.
 */

type Tx = Prisma.TransactionClient;

export type SessionProblem = 'not-found' | 'in-past' | 'bad-time' | 'no-group' | 'started' | 'cancelled';
export type SessionResult<T> = { ok: true; value: T } | { ok: false; problem: SessionProblem };

export interface NewSession {
  title: string;
  /** Wall-clock "YYYY-MM-DDTHH:MM" in the groups' time zone. */
  startsLocal: string;
  place: string;
  groupIds: number[];
}

/** The zone a group lives in: that of its members' NIK province (the first member's), else Banten's. */
export async function groupTimeZone(tx: Tx, groupId: number): Promise<IndonesianTimeZone> {
  const member = await tx.kpmGroupMember.findFirst({ where: { groupId }, select: { recipient: { select: { nik: true } } }, orderBy: { recipientId: 'asc' } });
  return member ? timeZoneOfNik(member.recipient.nik) : DEFAULT_TIME_ZONE;
}

function zoneOf(session: { timeZone: string }): IndonesianTimeZone {
  return indonesianZoneOr(session.timeZone);
}

async function planReminders(tx: Tx, session: { id: number; startsAt: Date; timeZone: string; revision: number }, offsets: readonly ReminderOffset[], now: Date) {
  const times = reminderTimes(session.startsAt, zoneOf(session), offsets, now);
  if (times.length === 0) return;
  await tx.sessionNotice.createMany({ data: times.map((fireAt) => ({ sessionId: session.id, kind: 'reminder', revision: session.revision, fireAt })) });
}

/** Drops notices not yet sent (reminders of the old time): they will never go out. */
async function dropPendingNotices(tx: Tx, sessionId: number, now: Date) {
  await tx.sessionNotice.updateMany({ where: { sessionId, firedAt: null }, data: { firedAt: now, outcome: 'skipped-stale' } });
}

async function inviteMembers(tx: Tx, sessionId: number) {
  const groups = await tx.mentoringSessionGroup.findMany({ where: { sessionId }, select: { groupId: true } });
  const members = await tx.kpmGroupMember.findMany({ where: { groupId: { in: groups.map((g) => g.groupId) } }, select: { recipientId: true } });
  const recipientIds = [...new Set(members.map((m) => m.recipientId))];
  if (recipientIds.length > 0) {
    await tx.sessionInvitation.createMany({ data: recipientIds.map((recipientId) => ({ sessionId, recipientId })), skipDuplicates: true });
  }
}

/** Group members invited since the session was planned (a KPM added later still gets the next notice). */
export const syncInvitations = inviteMembers;

async function findInScope(tx: Tx, actor: SessionActor, sessionId: number) {
  return tx.mentoringSession.findFirst({ where: { AND: [{ id: sessionId }, sessionScopeWhere(actor)] } });
}

export async function createSession(
  tx: Tx,
  actor: SessionActor,
  input: NewSession,
  offsets: readonly ReminderOffset[],
  now: Date,
): Promise<SessionResult<{ id: number; startsAt: Date; timeZone: IndonesianTimeZone }>> {
  const groupIds = [...new Set(input.groupIds)];
  if (groupIds.length === 0) return { ok: false, problem: 'no-group' };
  const groups = await tx.kpmGroup.findMany({ where: { AND: [{ id: { in: groupIds } }, groupScopeWhere(actor)] }, select: { id: true } });
  if (groups.length !== groupIds.length) return { ok: false, problem: 'no-group' };
  const timeZone = await groupTimeZone(tx, groupIds[0]!);
  const startsAt = instantOfLocal(input.startsLocal, timeZone);
  if (!startsAt) return { ok: false, problem: 'bad-time' };
  if (startsAt <= now) return { ok: false, problem: 'in-past' };
  const session = await tx.mentoringSession.create({
    data: {
      title: input.title.trim().slice(0, 200),
      place: input.place.trim().slice(0, 300),
      startsAt,
      timeZone,
      facilitatorId: actor.staffUserId,
      groups: { create: groupIds.map((groupId) => ({ groupId })) },
    },
  });
  await inviteMembers(tx, session.id);
  await tx.sessionNotice.create({ data: { sessionId: session.id, kind: 'invitation', revision: session.revision, fireAt: now } });
  await planReminders(tx, session, offsets, now);
  await writeAudit(tx, { ...auditOf(actor), action: 'session.create', details: { sessionId: session.id, groupIds } });
  return { ok: true, value: { id: session.id, startsAt, timeZone } };
}

export async function rescheduleSession(
  tx: Tx,
  actor: SessionActor,
  sessionId: number,
  startsLocal: string,
  offsets: readonly ReminderOffset[],
  now: Date,
): Promise<SessionResult<{ startsAt: Date }>> {
  const session = await findInScope(tx, actor, sessionId);
  if (!session) return { ok: false, problem: 'not-found' };
  if (session.status === 'cancelled') return { ok: false, problem: 'cancelled' };
  const startsAt = instantOfLocal(startsLocal, zoneOf(session));
  if (!startsAt) return { ok: false, problem: 'bad-time' };
  if (startsAt <= now) return { ok: false, problem: 'in-past' };
  await dropPendingNotices(tx, sessionId, now);
  const updated = await tx.mentoringSession.update({ where: { id: sessionId }, data: { startsAt, revision: { increment: 1 } } });
  // The time changed: earlier answers may no longer hold, so everyone is asked again.
  await tx.sessionInvitation.updateMany({ where: { sessionId }, data: { rsvp: null, rsvpAt: null } });
  await tx.sessionNotice.create({ data: { sessionId, kind: 'rescheduled', revision: updated.revision, fireAt: now } });
  await planReminders(tx, updated, offsets, now);
  await writeAudit(tx, { ...auditOf(actor), action: 'session.reschedule', details: { sessionId, from: session.startsAt.toISOString(), to: startsAt.toISOString() } });
  return { ok: true, value: { startsAt } };
}

export async function cancelSession(tx: Tx, actor: SessionActor, sessionId: number, now: Date): Promise<SessionResult<null>> {
  const session = await findInScope(tx, actor, sessionId);
  if (!session) return { ok: false, problem: 'not-found' };
  if (session.status === 'cancelled') return { ok: false, problem: 'cancelled' };
  if (session.startsAt <= now) return { ok: false, problem: 'started' };
  await dropPendingNotices(tx, sessionId, now);
  await tx.mentoringSession.update({ where: { id: sessionId }, data: { status: 'cancelled', cancelledAt: now } });
  await tx.sessionNotice.create({ data: { sessionId, kind: 'cancelled', revision: session.revision, fireAt: now } });
  await writeAudit(tx, { ...auditOf(actor), action: 'session.cancel', details: { sessionId } });
  return { ok: true, value: null };
}

export interface SessionSummary {
  id: number;
  title: string;
  startsAt: Date;
  timeZone: IndonesianTimeZone;
  place: string;
  status: string;
  groupNames: string[];
  invited: number;
  answered: number;
  coming: number;
  attended: number;
}

/** Sessions the actor may reach, soonest first; `from` keeps only those starting at or after it. */
export async function listSessions(tx: Tx, actor: SessionActor, options: { from?: Date; includeCancelled?: boolean; take?: number } = {}): Promise<SessionSummary[]> {
  const sessions = await tx.mentoringSession.findMany({
    where: {
      AND: [
        sessionScopeWhere(actor),
        options.from ? { startsAt: { gte: options.from } } : {},
        options.includeCancelled ? {} : { status: 'scheduled' },
      ],
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: options.take ?? 50,
    include: { groups: { select: { group: { select: { name: true } } } } },
  });
  const counts = await countsOf(tx, sessions.map((s) => s.id));
  return sessions.map((session) => ({
    id: session.id,
    title: session.title,
    startsAt: session.startsAt,
    timeZone: zoneOf(session),
    place: session.place,
    status: session.status,
    groupNames: session.groups.map((g) => g.group.name).sort(),
    ...(counts.get(session.id) ?? { invited: 0, answered: 0, coming: 0, attended: 0 }),
  }));
}

async function countsOf(tx: Tx, sessionIds: number[]) {
  const counts = new Map<number, { invited: number; answered: number; coming: number; attended: number }>();
  if (sessionIds.length === 0) return counts;
  const rows = await tx.sessionInvitation.groupBy({ by: ['sessionId', 'rsvp', 'attended'], where: { sessionId: { in: sessionIds } }, _count: { _all: true } });
  for (const row of rows) {
    const entry = counts.get(row.sessionId) ?? { invited: 0, answered: 0, coming: 0, attended: 0 };
    const n = row._count._all;
    entry.invited += n;
    if (row.rsvp !== null) entry.answered += n;
    if (row.rsvp === 'coming') entry.coming += n;
    if (row.attended === true) entry.attended += n;
    counts.set(row.sessionId, entry);
  }
  return counts;
}

export interface InviteeView {
  invitationId: number;
  recipientId: number;
  fullName: string;
  village: string;
  rsvp: string | null;
  attended: boolean | null;
}

/** One session with its invitees (names: the actor is staff scoped to these groups), audited as a view. */
export async function sessionDetail(tx: Tx, actor: SessionActor, sessionId: number): Promise<(SessionSummary & { invitees: InviteeView[] }) | null> {
  const session = await tx.mentoringSession.findFirst({
    where: { AND: [{ id: sessionId }, sessionScopeWhere(actor)] },
    include: { groups: { select: { group: { select: { name: true } } } } },
  });
  if (!session) return null;
  const invitations = await tx.sessionInvitation.findMany({
    where: { sessionId },
    include: { recipient: { select: { fullName: true, village: true } } },
    orderBy: [{ recipient: { fullName: 'asc' } }, { id: 'asc' }],
  });
  const counts = (await countsOf(tx, [sessionId])).get(sessionId) ?? { invited: 0, answered: 0, coming: 0, attended: 0 };
  await writeAudit(tx, { ...auditOf(actor), action: 'session.view', details: { sessionId, invitees: invitations.length } });
  return {
    id: session.id,
    title: session.title,
    startsAt: session.startsAt,
    timeZone: zoneOf(session),
    place: session.place,
    status: session.status,
    groupNames: session.groups.map((g) => g.group.name).sort(),
    ...counts,
    invitees: invitations.map((inv) => ({
      invitationId: inv.id,
      recipientId: inv.recipientId,
      fullName: inv.recipient.fullName,
      village: inv.recipient.village,
      rsvp: inv.rsvp,
      attended: inv.attended,
    })),
  };
}

/** Marks who attended (true) or not (false); invitations not named keep their mark. Audited. */
export async function markAttendance(tx: Tx, actor: SessionActor, sessionId: number, marks: Map<number, boolean>, now: Date): Promise<SessionResult<{ marked: number }>> {
  const session = await findInScope(tx, actor, sessionId);
  if (!session) return { ok: false, problem: 'not-found' };
  if (session.status === 'cancelled') return { ok: false, problem: 'cancelled' };
  let marked = 0;
  for (const attended of [true, false]) {
    const ids = [...marks].filter(([, value]) => value === attended).map(([id]) => id);
    if (ids.length === 0) continue;
    const result = await tx.sessionInvitation.updateMany({ where: { sessionId, id: { in: ids } }, data: { attended, attendanceMarkedAt: now } });
    marked += result.count;
  }
  await writeAudit(tx, { ...auditOf(actor), action: 'session.attendance', details: { sessionId, marked } });
  return { ok: true, value: { marked } };
}

/** A KPM's answer; refused once the session has started or was cancelled. */
export async function recordRsvp(tx: Tx, invitationId: number, answer: 'coming' | 'not-coming', now: Date): Promise<SessionResult<{ title: string; startsAt: Date; timeZone: IndonesianTimeZone; recipientId: number }>> {
  const invitation = await tx.sessionInvitation.findUnique({ where: { id: invitationId }, include: { session: true } });
  if (!invitation) return { ok: false, problem: 'not-found' };
  if (invitation.session.status === 'cancelled') return { ok: false, problem: 'cancelled' };
  if (invitation.session.startsAt <= now) return { ok: false, problem: 'started' };
  await tx.sessionInvitation.update({ where: { id: invitationId }, data: { rsvp: answer, rsvpAt: now } });
  return { ok: true, value: { title: invitation.session.title, startsAt: invitation.session.startsAt, timeZone: zoneOf(invitation.session), recipientId: invitation.recipientId } };
}

/** A KPM's attendance history, newest first (dashboard recipient page). */
export async function attendanceHistory(tx: Tx, actor: SessionActor, recipientId: number) {
  return tx.sessionInvitation.findMany({
    where: { recipientId, session: sessionScopeWhere(actor) },
    include: { session: { select: { id: true, title: true, startsAt: true, status: true, timeZone: true } } },
    orderBy: { session: { startsAt: 'desc' } },
    take: 100,
  });
}

function auditOf(actor: SessionActor) {
  return { channel: actor.channel, chatId: actor.chatId, recipientId: null, staffUserId: actor.staffUserId };
}
