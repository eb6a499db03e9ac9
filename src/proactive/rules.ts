import { writeAudit } from '../audit/write-audit.js';
import type { Prisma } from '../storage/generated/client.js';
import { cancelSource } from './broadcasts.js';
import { enqueueTarget } from './enqueue.js';
import type { MessageSpec } from './message-spec.js';
import type { ProactiveContext } from './proactive-context.js';
import { indonesianZoneOr, localIsoDate } from '../domain/local-time.js';
import { groupsStillOwned, ownerScopeNow } from './owner-scope.js';
import { nextOccurrence, type RecurrenceSpec } from './recurrence.js';
import type { TargetSpec } from './target.js';
import type { SkipReason } from './skip-reason.js';
import type { Scope } from './types.js';

export interface CreateRuleInput {
  ownerKind: string;
  ownerId?: string | null;
  createdById?: number | null;
  /** One rule per key (a dashboard form's token); none: no such guard. */
  requestKey?: string | null;
  recurrence: RecurrenceSpec;
  timeZone: string;
  target: TargetSpec;
  message: MessageSpec;
}

export interface RuleRow {
  id: number;
  ownerKind: string;
  ownerId: string | null;
  /** The staff user who made it (its owner's scope is checked again at each fire); null: made by code. */
  createdById: number | null;
  recurrence: RecurrenceSpec;
  timeZone: string;
  target: TargetSpec;
  message: MessageSpec;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  cancelledAt: Date | null;
  pausedAt: Date | null;
}

/** A new rule; its first occurrence is the first the rule allows strictly after now. */
export async function createRule(context: ProactiveContext, input: CreateRuleInput): Promise<RuleRow> {
  return insertRule(context.db.prisma, input, new Date(context.clock.now()));
}

/** `createRule` in the caller's transaction (the dashboard audits in the same one). */
export async function insertRule(tx: Pick<Prisma.TransactionClient, 'reminderRule'>, input: CreateRuleInput, now: Date): Promise<RuleRow> {
  const row = await tx.reminderRule.create({
    data: {
      ownerKind: input.ownerKind,
      ownerId: input.ownerId ?? null,
      createdById: input.createdById ?? null,
      requestKey: input.requestKey ?? null,
      recurrence: input.recurrence as Prisma.InputJsonValue,
      timeZone: input.timeZone,
      target: input.target as Prisma.InputJsonValue,
      message: input.message as unknown as Prisma.InputJsonValue,
      nextFireAt: nextOccurrence(input.recurrence, input.timeZone, now),
      createdAt: now,
    },
  });
  return row as unknown as RuleRow;
}

/** Cancels rules (one, or all of an owner): they fire no more, and their waiting messages are not sent. */
export async function cancelRules(context: ProactiveContext, where: { id?: number; ownerKind?: string; ownerId?: string }): Promise<number> {
  const now = new Date(context.clock.now());
  return context.db.prisma.$transaction(async (tx) => {
    const rules = await tx.reminderRule.findMany({ where: { ...where, cancelledAt: null }, select: { id: true } });
    for (const rule of rules) {
      await tx.reminderRule.update({ where: { id: rule.id }, data: { cancelledAt: now, nextFireAt: null } });
      await cancelSource(tx, 'rule', rule.id);
    }
    return rules.length;
  }, { timeout: 120_000, maxWait: 30_000 });
}

/**
 * One scheduler step: fires every rule whose time has come, each in its own transaction that
 * locks the rule row (SKIP LOCKED: another process takes another rule), records the sends
 * (unique per rule, occurrence, KPM) and advances `next_fire_at` past now. A fire found more
 * than `lateToleranceMs` late (the service was down) is skipped, not sent late. Returns the
 * fires done.
 *
 * A rule reaches only the groups its owner still has at the fire (owner-scope.ts): KPM of a group
 * taken from its facilitator are recorded as skipped ('outside-owner-groups'); when none of the
 * target's groups is left, the occurrence sends nothing and is audited as 'rule.skip'.
 */
export async function fireDueRules(context: ProactiveContext, maxFires = 100): Promise<{ fired: number; skippedLate: number; queued: number }> {
  const outcome = { fired: 0, skippedLate: 0, queued: 0 };
  const quietHours = await context.quietHours();
  for (let index = 0; index < maxFires; index += 1) {
    const now = new Date(context.clock.now());
    const done = await context.db.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: number }>>`
        SELECT id FROM reminder_rule WHERE next_fire_at <= ${now} AND cancelled_at IS NULL
        ORDER BY next_fire_at LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!rows[0]) return null;
      const rule = (await tx.reminderRule.findUniqueOrThrow({ where: { id: rows[0].id } })) as unknown as RuleRow;
      const occurrence = rule.nextFireAt!;
      const late = now.getTime() - occurrence.getTime() > context.lateToleranceMs;
      let queued = 0;
      if (!late) {
        const { target, occurrenceKey } = await occurrenceTarget(tx, rule, occurrence);
        const ownerGroups = groupsStillOwned(rule.target, await ownerScopeNow(tx, rule.createdById));
        if (target) {
          const result = await enqueueTarget(tx, {
            sourceKind: 'rule', sourceId: rule.id, occurrenceKey, target, scope: 'all' satisfies Scope, ownerGroups, message: rule.message,
            notBefore: occurrence, lane: 1, translate: context.translate, quietHours,
          });
          queued = result.queued;
        }
        // Audited only when it had someone to reach: a relative rule checks daily, mostly for nobody.
        if (target && ownerGroups?.length === 0) {
          await writeAudit(tx, {
            action: 'rule.skip', channel: 'scheduler', chatId: '-', recipientId: null, staffUserId: null,
            details: { ruleId: rule.id, occurrence: occurrence.toISOString(), reason: 'outside-owner-groups' satisfies SkipReason },
          });
        }
      }
      const after = now.getTime() > occurrence.getTime() ? now : occurrence;
      await tx.reminderRule.update({
        where: { id: rule.id },
        data: { nextFireAt: nextOccurrence(rule.recurrence, rule.timeZone, after), ...(late ? {} : { lastFiredAt: occurrence }) },
      });
      return { late, queued };
    }, { timeout: 300_000, maxWait: 30_000 });
    if (!done) break;
    if (done.late) outcome.skippedLate += 1;
    else outcome.fired += 1;
    outcome.queued += done.queued;
  }
  return outcome;
}

/**
 * Whom one occurrence reaches and its key. A relative rule reaches the KPM whose anchor date
 * is the occurrence's local date minus the offset: the day they reached a stage, or the start
 * date of a scheduled session they are invited to (of the rule's groups, when it names any).
 * Its key is that anchor date, so each KPM gets the reminder about one anchor once.
 */
async function occurrenceTarget(tx: Prisma.TransactionClient, rule: RuleRow, occurrence: Date): Promise<{ target: TargetSpec | null; occurrenceKey: string }> {
  const spec = rule.recurrence;
  if (spec.kind !== 'relative') return { target: rule.target, occurrenceKey: occurrence.toISOString() };
  const local = new Date(`${localIsoDate(occurrence, indonesianZoneOr(rule.timeZone))}T00:00:00Z`);
  const anchor = new Date(local.getTime() - spec.offsetDays * 86_400_000).toISOString().slice(0, 10);
  const groupIds = rule.target.groupIds && rule.target.groupIds.length > 0 ? rule.target.groupIds : null;
  const rows = spec.anchor.type === 'stage'
    ? await tx.$queryRaw<Array<{ recipient_id: number }>>`
        SELECT recipient_id FROM stage_event
        WHERE program_code = ${spec.anchor.programCode} AND stage_code = ${spec.anchor.stageCode} AND occurred_on = ${anchor}::date`
    : await sessionInvitees(tx, anchor, groupIds);
  let ids = rows.map((row) => row.recipient_id);
  if (rule.target.recipientIds) ids = ids.filter((id) => rule.target.recipientIds!.includes(id));
  const key = spec.anchor.type === 'stage' ? anchor : `session-${anchor}`;
  return { target: ids.length > 0 ? { ...rule.target, recipientIds: ids } : null, occurrenceKey: key };
}

/**
 * KPM invited to scheduled sessions that start on `day` in the session's own zone (of the given
 * groups when named). The zone is applied in JS (Intl), as everywhere else: a day's window of
 * ±14 hours around UTC midnight is read, then narrowed to the sessions whose local date it is.
 */
async function sessionInvitees(tx: Prisma.TransactionClient, day: string, groupIds: number[] | null): Promise<Array<{ recipient_id: number }>> {
  const midnight = new Date(`${day}T00:00:00Z`).getTime();
  const sessions = await tx.mentoringSession.findMany({
    where: {
      status: 'scheduled',
      startsAt: { gte: new Date(midnight - 14 * 3_600_000), lt: new Date(midnight + 38 * 3_600_000) },
      ...(groupIds ? { groups: { some: { groupId: { in: groupIds } } } } : {}),
    },
    select: { id: true, startsAt: true, timeZone: true },
  });
  const ids = sessions.filter((session) => localIsoDate(session.startsAt, indonesianZoneOr(session.timeZone)) === day).map((session) => session.id);
  if (ids.length === 0) return [];
  const invitations = await tx.sessionInvitation.findMany({ where: { sessionId: { in: ids } }, select: { recipientId: true }, distinct: ['recipientId'] });
  return invitations.map((invitation) => ({ recipient_id: invitation.recipientId }));
}

export async function auditRule(tx: Prisma.TransactionClient, action: 'rule.create' | 'rule.cancel' | 'rule.pause' | 'rule.resume', ruleId: number, staffUserId: number | null): Promise<void> {
  await writeAudit(tx, { action, channel: 'dashboard', chatId: String(staffUserId ?? '-'), recipientId: null, staffUserId, details: { ruleId } });
}
