import { writeAudit } from '../audit/write-audit.js';
import type { Translate } from '../i18n/create-translator.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { enqueueTarget } from './enqueue.js';
import type { MessageSpec } from './message-spec.js';
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
 * Confirms a draft: in one transaction it becomes 'queued' and every KPM of its target gets
 * one proactive send (at `sendAt` when set). Confirming again, or from a second process,
 * finds it no longer a draft and queues nothing.
 */
export async function confirmBroadcast(context: ProactiveContext, id: number, scope: Scope, staffUserId: number | null): Promise<{ broadcast: BroadcastRow | null; enqueued: EnqueueResult | null }> {
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
): Promise<{ broadcast: BroadcastRow | null; enqueued: EnqueueResult | null }> {
  const { now } = deps;
  const claimed = await tx.broadcast.updateManyAndReturn({ where: { id, status: 'draft' }, data: { status: 'queued', confirmedAt: now } });
  const row = (claimed[0] ?? (await tx.broadcast.findUnique({ where: { id } }))) as unknown as BroadcastRow | null;
  if (!claimed[0] || !row) return { broadcast: row, enqueued: null };
  if (!targetWithinScope(row.target, scope)) throw new Error('broadcast target outside the sender\'s groups');
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
  return { broadcast: row, enqueued };
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
