import type { OutboundContent } from '../channels/channel-port.js';
import type { Database } from '../storage/database.js';

export interface ClaimedMessage {
  id: bigint;
  channel: string;
  chatId: string;
  payload: OutboundContent;
  attempts: number;
}

/**
 * The outbox's SQL. Claiming takes due messages, but never one whose chat still has an earlier
 * message waiting or in flight, so each chat receives its messages in order.
 */
export class OutboxStore {
  constructor(private readonly db: Database) {}

  async claim(channels: string[], limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const rows = await this.db.prisma.$queryRaw<Array<{ id: bigint; channel: string; chat_id: string; payload: OutboundContent; attempts: number }>>`
      WITH due AS (
        SELECT o.id FROM outbound_message o
        WHERE o.status = 'pending' AND o.next_attempt_at <= now() AND o.channel = ANY(${channels})
          AND NOT EXISTS (
            SELECT 1 FROM outbound_message e
            WHERE e.channel = o.channel AND e.chat_id = o.chat_id AND e.id < o.id
              AND (e.status = 'sending' OR (e.status = 'pending' AND e.next_attempt_at > now())))
        ORDER BY o.id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      UPDATE outbound_message m
      SET status = 'sending', lease_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
      FROM due WHERE m.id = due.id
      RETURNING m.id, m.channel, m.chat_id, m.payload, m.attempts`;
    return rows
      .map((row) => ({ id: row.id, channel: row.channel, chatId: row.chat_id, payload: row.payload, attempts: row.attempts }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async markSent(sent: Array<{ id: bigint; externalId: string | null }>): Promise<void> {
    if (sent.length === 0) return;
    await this.db.prisma.$executeRaw`
      UPDATE outbound_message m
      SET status = 'sent', sent_at = now(), updated_at = now(), lease_until = NULL,
          attempts = m.attempts + 1, external_id = v.external_id, delivery_status = 'sent'
      FROM (SELECT unnest(${sent.map((s) => s.id.toString())}::bigint[]) AS id,
                   unnest(${sent.map((s) => s.externalId)}::text[]) AS external_id) v
      WHERE m.id = v.id`;
  }

  /** Back to pending, to try again at `retryAt`. `countAttempt` is false when nothing was sent. */
  async reschedule(id: bigint, retryAt: Date, reason: string | null, countAttempt: boolean): Promise<void> {
    await this.db.prisma.outboundMessage.update({
      where: { id },
      data: {
        status: 'pending',
        nextAttemptAt: retryAt,
        leaseUntil: null,
        ...(reason ? { lastError: reason } : {}),
        ...(countAttempt ? { attempts: { increment: 1 } } : {}),
      },
    });
  }

  async markFailed(id: bigint, reason: string): Promise<void> {
    await this.db.prisma.outboundMessage.update({
      where: { id },
      data: { status: 'failed', lastError: reason, leaseUntil: null, attempts: { increment: 1 }, deliveryStatus: 'failed' },
    });
  }

  /** The person blocked the bot: this and every waiting message to the chat stop, and the chat is marked. */
  async markChatBlocked(channel: string, chatId: string, reason: string): Promise<void> {
    await this.db.prisma.$transaction([
      this.db.prisma.outboundMessage.updateMany({
        where: { channel, chatId, status: { in: ['pending', 'sending'] } },
        data: { status: 'blocked', lastError: reason, leaseUntil: null },
      }),
      this.db.prisma.conversation.updateMany({ where: { channel, chatId }, data: { blockedAt: new Date() } }),
    ]);
  }

  /** Messages whose sender died mid-send go back to pending (at-least-once after a crash). */
  async recoverExpired(channels: string[]): Promise<number> {
    return this.db.prisma.$executeRaw`
      UPDATE outbound_message SET status = 'pending', lease_until = NULL, updated_at = now()
      WHERE status = 'sending' AND lease_until < now() AND channel = ANY(${channels})`;
  }

  /** Claimed messages this process will not send after all (shutdown) go back untouched. */
  async release(ids: bigint[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.prisma.outboundMessage.updateMany({
      where: { id: { in: ids }, status: 'sending' },
      data: { status: 'pending', leaseUntil: null },
    });
  }

  /**
   * Records a platform's delivery news. Receipts can arrive out of order, so a status never
   * moves backwards (sent < delivered < read); 'failed' is recorded whatever came before.
   */
  async recordDelivery(channel: string, externalId: string, status: 'sent' | 'delivered' | 'read' | 'failed', reason?: string): Promise<number> {
    const rank = deliveryRank[status];
    return this.db.prisma.$executeRaw`
      UPDATE outbound_message SET delivery_status = ${status}, updated_at = now(),
        last_error = COALESCE(${reason ?? null}, last_error),
        status = CASE WHEN ${status} = 'failed' THEN 'failed' ELSE status END
      WHERE channel = ${channel} AND external_id = ${externalId}
        AND (${status} = 'failed' OR ${rank} > CASE delivery_status
              WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 0 END)`;
  }
}

const deliveryRank = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;
