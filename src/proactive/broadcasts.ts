import { writeAudit } from '../audit/write-audit.js';
import type { Translate } from '../i18n/create-translator.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { enqueueTarget } from './enqueue.js';
import type { MessageSpec } from './message-spec.js';
import { groupsStillOwned, ownerScopeNow } from './owner-scope.js';
import type { ProactiveContext } from './proactive-context.js';
import type { QuietHoursTable } from './quiet-hours-store.js';
import type { TargetSpec } from './target.js';
import type { EnqueueResult, Scope } from './types.js';

export interface BroadcastRow {
  id: number;
  requestKey: string;
  createdById: number | null;
  target: TargetSpec;
  message: MessageSpec;
  status: 'draft' | 'queued' | 'cancelled';
  sendAt: Date | null;
  /** The zone `sendAt` was given in. */
  timeZone: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  /** When its sends were queued; null while a confirmed broadcast waits for its later `sendAt`. */
  enqueuedAt: Date | null;
}

export interface CreateBroadcastInput {
  /** One broadcast per key: a double click or a repeated confirmation finds the first. */
  requestKey: string;
  createdById: number | null;
  target: TargetSpec;
  message: MessageSpec;
  sendAt?: Date | null;
  /** The zone `sendAt` was given in (shown back in it). */
  timeZone?: string | null;
}

/** A facilitator's target may name only their own groups; anything else is refused. */
export function targetWithinScope(target: TargetSpec, scope: Scope): boolean {
  if (scope === 'all') return true;
  const { groupIds, ...rest } = target;
  if (!groupIds || groupIds.length === 0) return false;
  if (Object.values(rest).some((value) => Array.isArray(value) && value.length > 0)) return false;
  return groupIds.every((id) => scope.groupIds.includes(id));
}

export async function createBroadcast(context: ProactiveContext, input: CreateBroadcastInput, scope: Scope): Promise<BroadcastRow> {
  return insertBroadcast(context.db.prisma, input, scope, new Date(context.clock.now()));
}

/**
 * `createBroadcast` on the caller's client or transaction (a facilitator's chat turn creates
 * and confirms in its own transaction). The same request key finds the first broadcast.
 */
export async function insertBroadcast(sql: Pick<Prisma.TransactionClient, 'broadcast'>, input: CreateBroadcastInput, scope: Scope, now: Date): Promise<BroadcastRow> {
  if (!targetWithinScope(input.target, scope)) throw new Error('broadcast target outside the sender\'s groups');
  await sql.broadcast.createMany({
    data: [{
      requestKey: input.requestKey,
      createdById: input.createdById,
      target: input.target as Prisma.InputJsonValue,
      message: input.message as unknown as Prisma.InputJsonValue,
      sendAt: input.sendAt ?? null,
      timeZone: input.timeZone ?? null,
      createdAt: now,
    }],
    skipDuplicates: true,
  });
  const row = await sql.broadcast.findUniqueOrThrow({ where: { requestKey: input.requestKey } });
  return row as unknown as BroadcastRow;
}

export async function findBroadcast(db: Pick<Database, 'prisma'>, id: number): Promise<BroadcastRow | null> {
  return (await db.prisma.broadcast.findUnique({ where: { id } })) as unknown as BroadcastRow | null;
}

/** Who confirms a broadcast, for the audit log: a dashboard user, or a facilitator's chat. */
export interface ConfirmOrigin {
  staffUserId: number | null;
  /** 'dashboard' or the chat's channel. */
  channel: string;
  /** The staff user id on the dashboard, else the chat id. */
  chatId: string;
}

/**
 * A `sendAt` further than this after confirmation is left to the scheduler: the audience is
 * resolved when it is due, so a KPM who joins a group, links a chat or opts out meanwhile is
 * counted as they are then. Nearer than this it is queued at once (waiting for `sendAt`).
 */
export const SCHEDULE_AHEAD_MS = 60_000;

export interface ConfirmResult {
  broadcast: BroadcastRow | null;
  /** What this confirmation queued; null when it queued nothing now (confirmed before, or scheduled). */
  enqueued: EnqueueResult | null;
  /** Confirmed now for a later `sendAt`: the scheduler queues it then (`enqueueDueBroadcasts`). */
  scheduled: boolean;
}

/**
 * Confirms a draft: in one transaction it becomes 'queued' and, unless its `sendAt` is more
 * than a minute away, every KPM of its target gets one proactive send. A later one is only
 * marked confirmed here; the scheduler queues it at `sendAt`. Confirming again, or from a
 * second process, finds it no longer a draft and queues nothing.
 */
export async function confirmBroadcast(context: ProactiveContext, id: number, scope: Scope, staffUserId: number | null): Promise<ConfirmResult> {
  const quietHours = await context.quietHours();
  const origin: ConfirmOrigin = { staffUserId, channel: 'dashboard', chatId: String(staffUserId ?? '-') };
  return context.db.prisma.$transaction(
    (tx) => confirmBroadcastIn(tx, { translate: context.translate, quietHours, now: new Date(context.clock.now()) }, id, scope, origin),
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** `confirmBroadcast` in the caller's transaction. */
export async function confirmBroadcastIn(
  tx: Prisma.TransactionClient,
  deps: { translate: Translate; quietHours: QuietHoursTable; now: Date },
  id: number,
  scope: Scope,
  origin: ConfirmOrigin,
): Promise<ConfirmResult> {
  const { now } = deps;
  const draft = await tx.broadcast.findUnique({ where: { id }, select: { sendAt: true, target: true } });
  if (!draft) return { broadcast: null, enqueued: null, scheduled: false };
  if (!targetWithinScope(draft.target as TargetSpec, scope)) throw new Error('broadcast target outside the sender\'s groups');
  const scheduled = draft.sendAt !== null && draft.sendAt.getTime() - now.getTime() > SCHEDULE_AHEAD_MS;
  const claimed = await tx.broadcast.updateManyAndReturn({
    where: { id, status: 'draft' },
    data: { status: 'queued', confirmedAt: now, enqueuedAt: scheduled ? null : now },
  });
  const row = (claimed[0] ?? (await tx.broadcast.findUnique({ where: { id } }))) as unknown as BroadcastRow | null;
  if (!claimed[0] || !row) return { broadcast: row, enqueued: null, scheduled: false };
  if (scheduled) {
    await writeAudit(tx, {
      action: 'broadcast.confirm', channel: origin.channel, chatId: origin.chatId, recipientId: null, staffUserId: origin.staffUserId,
      details: { broadcastId: row.id, scheduled: true, sendAt: row.sendAt!.toISOString() },
    });
    return { broadcast: row, enqueued: null, scheduled: true };
  }
  const enqueued = await enqueueTarget(tx, {
    sourceKind: 'broadcast',
    sourceId: row.id,
    occurrenceKey: '-',
    target: row.target,
    scope,
    message: row.message,
    notBefore: row.sendAt && row.sendAt > now ? row.sendAt : now,
    lane: 1,
    translate: deps.translate,
    quietHours: deps.quietHours,
  });
  await writeAudit(tx, {
    action: 'broadcast.confirm', channel: origin.channel, chatId: origin.chatId, recipientId: null, staffUserId: origin.staffUserId,
    details: { broadcastId: row.id, queued: enqueued.queued, skipped: enqueued.skipped },
  });
  return { broadcast: row, enqueued, scheduled: false };
}

/**
 * The scheduler's job for broadcasts confirmed for later: each one due is claimed and queued in
 * one transaction, mailroom style. The claim is a conditional update (`enqueued_at` set only
 * while null, status still 'queued'), so of several processes, or a run repeated after a
 * crash, exactly one queues it; a cancelled one is never claimed. The sends themselves are
 * keyed (broadcast, '-', KPM) like a broadcast queued at confirmation.
 *
 * A broadcast found long after its `sendAt` (the process was down) is still sent, unlike a
 * reminder rule's occurrence, which is skipped past `lateToleranceMs`: a rule that fell behind
 * would otherwise send a burst of stale repeats, but a broadcast is one message someone chose to
 * send, and dropping it silently would lose it. Quiet hours still hold it for the morning.
 *
 * Its audience is resolved now, and only within the groups its sender still has now
 * (owner-scope.ts): KPM of a group taken from the facilitator since (or all, once their account
 * is disabled) are recorded as skipped ('outside-owner-groups'), which the broadcast's progress
 * shows and the 'broadcast.send' audit counts. Operators' and admins' broadcasts are unscoped.
 */
export async function enqueueDueBroadcasts(context: ProactiveContext, maxBroadcasts = 20): Promise<{ broadcasts: number; queued: number }> {
  const outcome = { broadcasts: 0, queued: 0 };
  const quietHours = await context.quietHours();
  for (let index = 0; index < maxBroadcasts; index += 1) {
    const now = new Date(context.clock.now());
    const done = await context.db.prisma.$transaction(async (tx) => {
      // Another process's broadcast under way is passed over (SKIP LOCKED), not waited for.
      const [due] = await tx.$queryRaw<Array<{ id: number }>>`
        SELECT id FROM broadcast WHERE status = 'queued' AND enqueued_at IS NULL AND send_at <= ${now}
        ORDER BY send_at LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!due) return null;
      // The claim: a second process (or a cancel) that got here first leaves 0 rows.
      const claimed = await tx.broadcast.updateManyAndReturn({ where: { id: due.id, status: 'queued', enqueuedAt: null }, data: { enqueuedAt: now } });
      const row = claimed[0] as unknown as BroadcastRow | undefined;
      if (!row) return { queued: 0, claimed: false };
      const ownerGroups = groupsStillOwned(row.target, await ownerScopeNow(tx, row.createdById));
      const enqueued = await enqueueTarget(tx, {
        sourceKind: 'broadcast', sourceId: row.id, occurrenceKey: '-', target: row.target, scope: 'all', ownerGroups, message: row.message,
        notBefore: row.sendAt && row.sendAt > now ? row.sendAt : now, lane: 1, translate: context.translate, quietHours,
      });
      await writeAudit(tx, {
        action: 'broadcast.send', channel: 'scheduler', chatId: '-', recipientId: null, staffUserId: null,
        details: { broadcastId: row.id, queued: enqueued.queued, skipped: enqueued.skipped, lateMs: now.getTime() - row.sendAt!.getTime() },
      });
      return { queued: enqueued.queued, claimed: true };
    }, { timeout: 300_000, maxWait: 30_000 });
    if (!done) break;
    if (done.claimed) outcome.broadcasts += 1;
    outcome.queued += done.queued;
  }
  return outcome;
}

/** Stops a broadcast: what has not gone out yet never will (claimed ones are stopped by the sending fence). */
export async function cancelSource(tx: Prisma.TransactionClient, sourceKind: string, sourceId: number): Promise<number> {
  return tx.$executeRaw`
    UPDATE outbound_message SET status = 'cancelled', last_error = 'cancelled', lease_until = NULL, updated_at = now()
    WHERE status IN ('pending', 'claimed')
      AND proactive_send_id IN (SELECT id FROM proactive_send WHERE source_kind = ${sourceKind} AND source_id = ${sourceId})`;
}

export async function cancelBroadcast(context: ProactiveContext, id: number, staffUserId: number | null): Promise<{ cancelled: boolean; stopped: number }> {
  const now = new Date(context.clock.now());
  return context.db.prisma.$transaction(async (tx) => {
    const updated = await tx.broadcast.updateMany({ where: { id, status: { in: ['draft', 'queued'] } }, data: { status: 'cancelled', cancelledAt: now } });
    if (updated.count === 0) return { cancelled: false, stopped: 0 };
    const stopped = await cancelSource(tx, 'broadcast', id);
    await writeAudit(tx, {
      action: 'broadcast.cancel', channel: 'dashboard', chatId: String(staffUserId ?? '-'), recipientId: null, staffUserId,
      details: { broadcastId: id, stopped },
    });
    return { cancelled: true, stopped };
  }, { timeout: 120_000, maxWait: 30_000 });
}
