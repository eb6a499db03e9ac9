import { writeAudit } from '../audit/write-audit.js';
import type { Prisma } from '../storage/generated/client.js';
import { cancelSource } from './broadcasts.js';
import { enqueueTarget } from './enqueue.js';
import type { MessageSpec } from './message-spec.js';
import type { ProactiveContext } from './proactive-context.js';
import { localIsoDate, nextOccurrence, type RecurrenceSpec } from './recurrence.js';
import type { TargetSpec } from './target.js';
import type { Scope } from './types.js';

export interface CreateRuleInput {
  ownerKind: string;
  ownerId?: string | null;
  createdById?: number | null;
  recurrence: RecurrenceSpec;
  timeZone: string;
  target: TargetSpec;
  message: MessageSpec;
}

export interface RuleRow {
  id: number;
  ownerKind: string;
  ownerId: string | null;
  recurrence: RecurrenceSpec;
  timeZone: string;
  target: TargetSpec;
  message: MessageSpec;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  cancelledAt: Date | null;
}

/** A new rule; its first occurrence is the first the rule allows strictly after now. */
export async function createRule(context: ProactiveContext, input: CreateRuleInput): Promise<RuleRow> {
  const now = new Date(context.clock.now());
  const row = await context.db.prisma.reminderRule.create({
    data: {
      ownerKind: input.ownerKind,
      ownerId: input.ownerId ?? null,
      createdById: input.createdById ?? null,
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
        if (target) {
          const result = await enqueueTarget(tx, {
            sourceKind: 'rule', sourceId: rule.id, occurrenceKey, target, scope: 'all' satisfies Scope, message: rule.message,
            notBefore: occurrence, lane: 1, translate: context.translate, quietHours,
          });
          queued = result.queued;
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
 * (a stage reached) is the occurrence's local date minus the offset; its key is that anchor
 * date, so each KPM gets the reminder about one anchor once.
 */
async function occurrenceTarget(tx: Prisma.TransactionClient, rule: RuleRow, occurrence: Date): Promise<{ target: TargetSpec | null; occurrenceKey: string }> {
  const spec = rule.recurrence;
  if (spec.kind !== 'relative') return { target: rule.target, occurrenceKey: occurrence.toISOString() };
  const local = new Date(`${localIsoDate(occurrence, rule.timeZone)}T00:00:00Z`);
  const anchor = new Date(local.getTime() - spec.offsetDays * 86_400_000).toISOString().slice(0, 10);
  const rows = await tx.$queryRaw<Array<{ recipient_id: number }>>`
    SELECT recipient_id FROM stage_event
    WHERE program_code = ${spec.anchor.programCode} AND stage_code = ${spec.anchor.stageCode} AND occurred_on = ${anchor}::date`;
  let ids = rows.map((row) => row.recipient_id);
  if (rule.target.recipientIds) ids = ids.filter((id) => rule.target.recipientIds!.includes(id));
  return { target: ids.length > 0 ? { ...rule.target, recipientIds: ids } : null, occurrenceKey: anchor };
}

export async function auditRule(tx: Prisma.TransactionClient, action: 'rule.create' | 'rule.cancel', ruleId: number, staffUserId: number | null): Promise<void> {
  await writeAudit(tx, { action, channel: 'dashboard', chatId: String(staffUserId ?? '-'), recipientId: null, staffUserId, details: { ruleId } });
}
