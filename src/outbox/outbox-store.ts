import type { OutboundContent } from '../channels/channel-port.js';
import type { Database } from '../storage/database.js';

export interface ClaimedMessage {
  id: bigint;
  channel: string;
  chatId: string;
  payload: OutboundContent;
  attempts: number;
  /** 0: conversation replies; 1: proactive/bulk (see src/proactive). */
  lane: number;
  /** A proactive message's recipient zone and quiet hours, checked again right before it goes. */
  quiet?: { timeZone: string; start: number; end: number };
}

/** Lanes of the outbox: conversation replies are never queued behind bulk messages. */
export const LANE_CONVERSATION = 0;
export const LANE_BULK = 1;

/** The sender lease of a channel; the fence in `markSending` checks it. */
export const leaseName = (channel: string) => `outbox-sender:${channel}`;

/** Reason kept on a message whose send was under way when its sender stopped or timed out. */
export const IN_FLIGHT_UNKNOWN = 'delivery unknown: in flight when its sender stopped';

/** Reason kept on a bulk message its stopped sender had handed to the platform with no answer yet. */
export const DISPATCHED_UNCONFIRMED = 'delivery unconfirmed: its sender stopped mid-send; not sent again';

/**
 * The outbox's SQL. A message moves pending → claimed (held by the sender, not yet tried) →
 * sending (its platform call is under way) → sent, or back to pending to retry. Only 'sending'
 * is uncertain after a crash: claimed messages can be taken back at once, sending ones are
 * sent again (at-least-once) only once they are known abandoned.
 *
 * Claiming takes due messages, but never one whose chat still has an earlier message waiting
 * or in flight, so each chat receives its messages in order. Times come from the sender's clock.
 */
export class OutboxStore {
  constructor(private readonly db: Database) {}

  /**
   * Claims due messages of one lane. A message waits for earlier messages of its chat in its
   * own or a higher-priority lane only, so a reply never waits behind a broadcast to the same
   * chat. The bulk lane is taken in due order (its index serves it without sorting a backlog).
   *
   * Only while `holder` holds the channel's sender lease: a process that lost it (its successor
   * took over while it was paused) claims nothing, rather than claim messages it can no longer
   * mark in flight and leave them claimed until their claim lease runs out.
   */
  async claim(channel: string, holder: string, limit: number, now: Date, leaseMs: number, lane: number = LANE_CONVERSATION): Promise<ClaimedMessage[]> {
    if (limit <= 0) return [];
    type Row = { id: string; channel: string; chat_id: string; payload: OutboundContent; attempts: number; lane: number; time_zone: string | null; quiet_start: number | null; quiet_end: number | null };
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const rows =
      lane === LANE_CONVERSATION
        ? await this.db.sql.query<Row>(CLAIM_REPLIES, [now.toISOString(), channel, limit, leaseUntil, holder], 'outbox-claim-replies')
        : await this.db.sql.query<Row>(CLAIM_LANE, [now.toISOString(), channel, lane, limit, leaseUntil, holder], 'outbox-claim-lane');
    return rows
      .map((row): ClaimedMessage => ({
        id: BigInt(row.id),
        channel: row.channel,
        chatId: row.chat_id,
        payload: row.payload,
        attempts: Number(row.attempts),
        lane: Number(row.lane),
        ...(row.time_zone !== null && row.quiet_start !== null && row.quiet_end !== null
          ? { quiet: { timeZone: row.time_zone, start: Number(row.quiet_start), end: Number(row.quiet_end) } }
          : {}),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Claimed proactive messages that fell in their recipient's quiet hours wait, untried, until `until`. */
  async defer(ids: bigint[], until: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.prisma.outboundMessage.updateMany({
      where: { id: { in: ids }, status: 'claimed' },
      data: { status: 'pending', leaseUntil: null, nextAttemptAt: until },
    });
  }

  /**
   * Marks claimed messages as in flight, right before their sends; returns the ids marked. The
   * fence: only while `holder` still holds the channel's lease and the message is still claimed,
   * so a process that lost its lease never sends what its successor took back; and a bulk
   * message never once its person has opted out, or once its facilitator no longer has any
   * group of that person (it is marked skipped instead).
   */
  async markSending(ids: bigint[], holder: string, until: Date): Promise<Set<bigint>> {
    if (ids.length === 0) return new Set();
    // A bulk message whose person opted out since it was queued (it may have come back from a
    // failed or timed-out attempt made before the opt-out) is skipped here, not sent: BERHENTI
    // holds for every attempt, not only for messages waiting at the moment it was said.
    const rows = await this.db.sql.query<{ id: string; skipped: boolean }>(MARK_SENDING, [until.toISOString(), ids.map(String), holder, LANE_BULK], 'outbox-mark-sending');
    return new Set(rows.filter((row) => !row.skipped).map((row) => BigInt(row.id)));
  }

  async markSent(sent: Array<{ id: bigint; externalId: string | null }>): Promise<void> {
    if (sent.length === 0) return;
    await this.db.sql.query(MARK_SENT, [sent.map((s) => s.id.toString()), sent.map((s) => s.externalId)], 'outbox-mark-sent');
  }

  /**
   * Bulk messages a stopped sender had dispatched with no outcome (see SentJournal): recorded as
   * sent, delivery unknown, instead of sent twice. Only rows still in flight: one the database
   * already rescheduled or settled keeps what it says. Replies are never taken here (they stay
   * at-least-once). `expiredBefore` as in recovery: null when the sender is known dead.
   */
  async markUnconfirmed(ids: bigint[], expiredBefore: Date | null): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.db.sql.query<{ id: string }>(MARK_UNCONFIRMED, [ids.map(String), DISPATCHED_UNCONFIRMED, expiredBefore?.toISOString() ?? null]);
    return rows.length;
  }

  /**
   * Back to pending, to try again at `retryAt`. `countAttempt` is false when nothing was sent;
   * `unknown` when the send may have arrived (timed out): recorded so, and tried again.
   */
  async reschedule(id: bigint, retryAt: Date, reason: string | null, countAttempt: boolean, unknown = false): Promise<void> {
    await this.db.prisma.outboundMessage.updateMany({
      where: { id, status: { in: ['claimed', 'sending'] } },
      data: {
        status: 'pending',
        nextAttemptAt: retryAt,
        leaseUntil: null,
        ...(reason ? { lastError: reason } : {}),
        ...(countAttempt ? { attempts: { increment: 1 } } : {}),
        ...(unknown ? { deliveryStatus: 'unknown' } : {}),
      },
    });
  }

  async markFailed(id: bigint, reason: string): Promise<void> {
    await this.db.prisma.outboundMessage.updateMany({
      where: { id, status: { in: ['claimed', 'sending'] } },
      data: { status: 'failed', lastError: reason, leaseUntil: null, attempts: { increment: 1 }, deliveryStatus: 'failed' },
    });
  }

  /** The person blocked the bot: this and every waiting message to the chat stop, and the chat is marked. */
  async markChatBlocked(channel: string, chatId: string, reason: string): Promise<void> {
    await this.db.prisma.$transaction([
      this.db.prisma.outboundMessage.updateMany({
        where: { channel, chatId, status: { in: ['pending', 'claimed', 'sending'] } },
        data: { status: 'blocked', lastError: reason, leaseUntil: null },
      }),
      this.db.prisma.conversation.updateMany({ where: { channel, chatId }, data: { blockedAt: new Date() } }),
    ]);
  }

  /**
   * Work a former lease holder left: claimed messages (never tried) go back at once; messages
   * it had in flight go back once their send lease ran out, or at once when that holder is
   * known dead. Those are sent again (at-least-once) and marked as possibly delivered.
   */
  async recoverAbandoned(channel: string, now: Date, holderDead: boolean): Promise<{ claimed: number; inFlight: number }> {
    const claimed = await this.db.prisma.$executeRaw`
      UPDATE outbound_message SET status = 'pending', lease_until = NULL, updated_at = now()
      WHERE status = 'claimed' AND channel = ${channel}`;
    const inFlight = await this.recoverInFlight([channel], holderDead ? null : now);
    return { claimed, inFlight };
  }

  /** In-flight messages whose send lease ran out (their sender died or hung) go back to pending. */
  async recoverExpired(channels: string[], now: Date): Promise<number> {
    await this.db.prisma.$executeRaw`
      UPDATE outbound_message SET status = 'pending', lease_until = NULL, updated_at = now()
      WHERE status = 'claimed' AND lease_until < ${now} AND channel = ANY(${channels})`;
    return this.recoverInFlight(channels, now);
  }

  private recoverInFlight(channels: string[], expiredBefore: Date | null): Promise<number> {
    return this.db.prisma.$executeRaw`
      UPDATE outbound_message SET status = 'pending', lease_until = NULL, updated_at = now(),
        attempts = attempts + 1, last_error = ${IN_FLIGHT_UNKNOWN}, delivery_status = 'unknown'
      WHERE status = 'sending' AND channel = ANY(${channels})
        AND (${expiredBefore}::timestamptz IS NULL OR lease_until < ${expiredBefore}::timestamptz)`;
  }

  /** Claimed messages this process will not send after all (shutdown, a rate wait) go back untouched. */
  async release(ids: bigint[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.prisma.outboundMessage.updateMany({
      where: { id: { in: ids }, status: 'claimed' },
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

/*
 * The claim and the marks run for every reply, so they go to the driver itself
 * (storage/hot-sql.ts). Ids travel as text.
 *
 * The claims read only partial indexes of unsent messages (migration 20261128500000): the
 * literal `o.lane = 0` / `o.lane <> 0` and `e.status IN (...)` conditions are what let the
 * planner use them, so keep them even where they look redundant. `OFFSET 0` keeps the per-chat
 * check a probe per candidate (the chat's unsent messages before it), taken only until LIMIT
 * is reached: as an anti join, on a young table whose statistics said one row, the planner
 * scanned every unsent (before: every lane-0) row of the channel for each candidate, dead
 * versions included: 1,200–1,600 buffers for a claim of 10 to 30 under a flood.
 */

/** $1 now, $2 channel, $3 limit, $4 lease until, $5 holder (the lease fence). Replies wait only for earlier replies of their chat. (Exported for its cost test.) */
export const CLAIM_REPLIES = `
  WITH due AS (
    SELECT o.id FROM outbound_message o
    WHERE o.status = 'pending' AND o.next_attempt_at <= $1::timestamptz AND o.channel = $2::text AND o.lane = 0
      AND NOT EXISTS (
        SELECT 1 FROM outbound_message e
        WHERE e.channel = o.channel AND e.chat_id = o.chat_id AND e.id < o.id AND e.lane = 0
          AND e.status IN ('pending', 'claimed', 'sending')
          AND (e.status IN ('claimed', 'sending') OR (e.status = 'pending' AND e.next_attempt_at > $1::timestamptz))
        OFFSET 0)
      AND EXISTS (SELECT 1 FROM lease l WHERE l.name = 'outbox-sender:' || $2::text AND l.holder = $5::text)
    ORDER BY o.id
    LIMIT $3::int
    FOR UPDATE SKIP LOCKED)
  UPDATE outbound_message m
  SET status = 'claimed', lease_until = $4::timestamptz, updated_at = now()
  FROM due WHERE m.id = due.id
  RETURNING m.id::text AS id, m.channel, m.chat_id, m.payload, m.attempts, m.lane::int AS lane,
            NULL::text AS time_zone, NULL::int AS quiet_start, NULL::int AS quiet_end`;

/** $1 now, $2 channel, $3 lane, $4 limit, $5 lease until, $6 holder (the lease fence). Waits for its chat's earlier messages of this or a higher-priority lane. */
const CLAIM_LANE = `
  WITH due AS (
    SELECT o.id, o.proactive_send_id FROM outbound_message o
    WHERE o.status = 'pending' AND o.next_attempt_at <= $1::timestamptz AND o.channel = $2::text AND o.lane = $3::int AND o.lane <> 0
      AND NOT EXISTS (
        SELECT 1 FROM outbound_message e
        WHERE e.channel = o.channel AND e.chat_id = o.chat_id AND e.id < o.id AND e.lane <= $3::int
          AND e.status IN ('pending', 'claimed', 'sending')
          AND (e.status IN ('claimed', 'sending') OR (e.status = 'pending' AND e.next_attempt_at > $1::timestamptz))
        OFFSET 0)
      AND EXISTS (SELECT 1 FROM lease l WHERE l.name = 'outbox-sender:' || $2::text AND l.holder = $6::text)
    ORDER BY o.next_attempt_at, o.id
    LIMIT $4::int
    FOR UPDATE SKIP LOCKED)
  UPDATE outbound_message m
  SET status = 'claimed', lease_until = $5::timestamptz, updated_at = now()
  FROM due LEFT JOIN proactive_send p ON p.id = due.proactive_send_id
  WHERE m.id = due.id
  RETURNING m.id::text AS id, m.channel, m.chat_id, m.payload, m.attempts, m.lane::int AS lane,
            p.time_zone, p.quiet_start::int AS quiet_start, p.quiet_end::int AS quiet_end`;

/**
 * $1 send lease until, $2 ids, $3 holder, $4 the bulk lane. The fence: only while the holder has
 * the channel's lease. A bulk message is skipped instead when its person opted out (on any of
 * their chats), or when a facilitator's broadcast, rule or session notice would reach a KPM in
 * none of the groups that facilitator still has (taken from them, or their account disabled,
 * while the message waited: held for quiet hours, or behind a long queue). `owner-scope.ts`
 * holds the same line at fire time; a cancel notice still reaches everyone invited.
 */
const MARK_SENDING = `
  WITH fenced AS (
    SELECT m.id, m.proactive_send_id, (m.lane = $4::int AND EXISTS (
      SELECT 1 FROM conversation c
      WHERE c.opted_out_at IS NOT NULL
        AND ((c.channel = m.channel AND c.chat_id = m.chat_id)
          OR c.recipient_id = (SELECT s.recipient_id FROM proactive_send s WHERE s.id = m.proactive_send_id)))) AS opted,
      CASE WHEN m.lane = $4::int AND m.proactive_send_id IS NOT NULL THEN EXISTS (
        SELECT 1 FROM proactive_send s
        CROSS JOIN LATERAL (SELECT CASE s.source_kind
            WHEN 'broadcast' THEN (SELECT b.created_by_id FROM broadcast b WHERE b.id = s.source_id)
            WHEN 'rule' THEN (SELECT r.created_by_id FROM reminder_rule r WHERE r.id = s.source_id)
            WHEN 'session-notice' THEN (SELECT ms.facilitator_id FROM session_notice n JOIN mentoring_session ms ON ms.id = n.session_id
                                        WHERE n.id = s.source_id AND n.kind <> 'cancelled')
          END AS owner_id) o
        LEFT JOIN staff_user u ON u.id = o.owner_id
        WHERE s.id = m.proactive_send_id AND o.owner_id IS NOT NULL
          AND (u.id IS NULL OR (u.role NOT IN ('admin', 'operator') AND (u.disabled OR NOT EXISTS (
            SELECT 1 FROM kpm_group_facilitator gf JOIN kpm_group_member gm ON gm.group_id = gf.group_id
            WHERE gf.staff_user_id = u.id AND gm.recipient_id = s.recipient_id)))))
      ELSE false END AS outside
    FROM outbound_message m
    WHERE m.id = ANY($2::bigint[]) AND m.status = 'claimed'
      AND EXISTS (SELECT 1 FROM lease l WHERE l.name = 'outbox-sender:' || m.channel AND l.holder = $3::text)
    FOR UPDATE OF m
  ), left_out AS (
    UPDATE proactive_send s SET skip_reason = 'outside-owner-groups'
    FROM fenced f WHERE f.outside AND NOT f.opted AND s.id = f.proactive_send_id
  )
  UPDATE outbound_message m
  SET status = CASE WHEN f.opted OR f.outside THEN 'skipped' ELSE 'sending' END,
      last_error = CASE WHEN f.opted THEN 'opted-out' WHEN f.outside THEN 'outside-owner-groups' ELSE m.last_error END,
      lease_until = CASE WHEN f.opted OR f.outside THEN NULL ELSE $1::timestamptz END, updated_at = now()
  FROM fenced f WHERE m.id = f.id
  RETURNING m.id::text AS id, f.opted OR f.outside AS skipped`;

/** $1 ids, $2 the reason, $3 only rows whose send lease ran out before this (null: any). */
const MARK_UNCONFIRMED = `
  UPDATE outbound_message
  SET status = 'sent', sent_at = now(), updated_at = now(), lease_until = NULL,
      attempts = attempts + 1, delivery_status = 'unknown', last_error = $2::text
  WHERE id = ANY($1::bigint[]) AND status = 'sending' AND lane <> 0
    AND ($3::timestamptz IS NULL OR lease_until < $3::timestamptz)
  RETURNING id::text AS id`;

/** $1 ids, $2 the platform's message ids (same order). */
const MARK_SENT = `
  UPDATE outbound_message m
  SET status = 'sent', sent_at = now(), updated_at = now(), lease_until = NULL,
      attempts = m.attempts + 1, external_id = v.external_id, delivery_status = 'sent'
  FROM unnest($1::bigint[], $2::text[]) AS v(id, external_id)
  WHERE m.id = v.id AND m.status IN ('sending', 'claimed', 'pending')`;
