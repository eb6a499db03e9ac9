import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { ChannelAdapter, SendResult } from '../channels/channel-port.js';
import { errorSummary } from '../logging/error-summary.js';
import type { Database } from '../storage/database.js';
import { backoffMs } from './backoff.js';
import { NO_LONGER_NEEDED, systemClock, type Clock } from './clock.js';
import { createHolderId, type HolderId } from './holder-id.js';
import { releaseLease, tryAcquireLease } from './lease.js';
import { quietUntil } from '../proactive/quiet-hours.js';
import { LANE_BULK, LANE_CONVERSATION, leaseName, OutboxStore, type ClaimedMessage } from './outbox-store.js';
import { ChannelRateLimits, type RateLimitSettings } from './rate-limits.js';
import type { PacerTicket } from './send-pacer.js';
import { SendSlots, type SendSlot } from './send-slots.js';
import { SentJournal } from './sent-journal.js';
import { TickBatcher } from './tick-batcher.js';

export interface OutboxSenderOptions {
  db: Database;
  channels: ChannelAdapter[];
  rateLimits: (channel: string) => RateLimitSettings;
  logger: Logger;
  /** Identifies this process in the sender lease. Default: this machine, boot and pid. */
  holder?: HolderId;
  /** Default: the system clock. */
  clock?: Clock;
  pollIntervalMs?: number;
  /** Most messages one claim takes (the global rate limit usually allows fewer). */
  batchSize?: number;
  /**
   * Sends on the wire at once (sends slower than `slowSendMs` do not count). Also what a kill -9
   * can leave uncertain: a successor repeats at most this many replies (bulk sends none, with
   * a journal on this machine: see `journalDir`).
   */
  concurrency?: number;
  /** Transient failures before a message is given up as failed. */
  maxAttempts?: number;
  leaseTtlMs?: number;
  /** A chat's remaining messages go back to the queue rather than wait longer than this for their rate slot. */
  maxInlineWaitMs?: number;
  /** Shortest gap between two claims: under load, one claim then picks up many replies instead of one each. */
  minClaimIntervalMs?: number;
  /** The channels give up on a send after this long (SEND_TIMEOUT_MS); the sender's backstop waits a little longer. */
  sendTimeoutMs?: number;
  /** A send slower than this stops counting against `concurrency`, so hung chats cannot starve the others. */
  slowSendMs?: number;
  /**
   * Where this process journals the ids it sent before the database records them, and the bulk
   * sends it dispatched (see SentJournal), so a successor after a kill -9 on this machine sends
   * neither again. Default: none (a killed process's in-flight messages are sent again).
   */
  journalDir?: string;
}

/** How long a claimed (not yet tried) message stays this process's before anyone may take it back. */
const CLAIM_LEASE_MS = 60_000;
/** Bulk messages are claimed this far ahead of their send slots, so a slow claim never leaves a slot empty. */
const BULK_AHEAD_MS = 2_000;
/**
 * A bulk message is marked in flight this long before its slot (twice the marking's recent
 * round trip, within these bounds), not earlier: until then an opt-out or a cancel still stops it.
 */
const BULK_MARK_LEAD_MS = { min: 250, max: 1_500 };

/**
 * Delivers the outbox. Only the process holding a channel's sender lease sends for it. It claims
 * no more due messages than the channel's global rate allows, sends each chat's messages in order
 * under per-chat limits, marks each message in flight right before its send (never more than
 * `concurrency` at once: all a kill -9 can leave uncertain) and records each
 * outcome as it completes: sent, retried with backoff, held for `retry_after`, failed, unknown
 * (timed out; tried again), or the chat blocked. A message that goes back to the queue costs no
 * rate budget, so a backlog drains at the configured rate whatever its size.
 */
export class OutboxSender {
  private readonly store: OutboxStore;
  private readonly channels: Map<string, ChannelAdapter>;
  private readonly limits = new Map<string, ChannelRateLimits>();
  /** Claimed messages per channel that have not yet taken (or declined) their rate slot. */
  private readonly unsettled = new Map<string, number>();
  private readonly holder: HolderId;
  private readonly clock: Clock;
  private readonly slots: SendSlots;
  /** Bulk messages waiting for their send slot: bounded by the claims (BULK_AHEAD_MS), never in the way of replies' slots. */
  private readonly bulkSlots: SendSlots;
  /** Bulk messages per channel claimed and not yet sent or handed back. */
  private readonly bulkInHand = new Map<string, number>();
  /** Recent round trip of marking a bulk message in flight (moving average, ms). */
  private markRoundTripMs = 0;
  /** Aborted on stop: bulk messages waiting for their slot go back at once. */
  private halt = new AbortController();
  private readonly sending: TickBatcher<bigint, boolean>;
  private readonly sent: TickBatcher<{ id: bigint; externalId: string | null }, undefined>;
  private readonly journal: SentJournal | undefined;
  private running = false;
  /** The channels this process currently sends for. */
  private leading = new Set<string>();
  private loopDone: Promise<void> = Promise.resolve();
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private lastClaimAt = 0;
  /** The last claim skipped a channel whose global rate was used up. */
  private rateBound = false;

  constructor(private readonly options: OutboxSenderOptions) {
    this.store = new OutboxStore(options.db);
    this.channels = new Map(options.channels.map((channel) => [channel.name, channel]));
    this.holder = options.holder ?? createHolderId();
    this.clock = options.clock ?? systemClock;
    this.journal = options.journalDir ? new SentJournal(options.journalDir, this.holder.value) : undefined;
    this.slots = new SendSlots(this.clock, this.concurrency(), options.slowSendMs ?? 1_000);
    // Bulk tasks wait for their paced slot in memory, unbounded by the claim loop's capacity (the
    // claims are: BULK_AHEAD_MS); their calls on the wire are still bounded by `concurrency`.
    this.bulkSlots = new SendSlots(this.clock, this.concurrency(), options.slowSendMs ?? 1_000);
    this.sending = new TickBatcher(async (ids) => {
      const marked = await this.store.markSending(ids, this.holder.value, new Date(this.clock.now() + this.sendLeaseMs()));
      return ids.map((id) => marked.has(id));
    });
    this.sent = new TickBatcher(async (batch) => {
      await this.store.markSent(batch);
      // A chat's next message may be claimable now.
      this.wake();
      return batch.map(() => undefined);
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.halt = new AbortController();
    // Every bulk message waiting for its slot listens for the stop.
    setMaxListeners(0, this.halt.signal);
    this.loopDone = this.loop();
  }

  /** Something was written to the outbox: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops claiming, lets in-flight sends finish and records them, then gives up the lease. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    this.halt.abort();
    this.slots.stop();
    this.bulkSlots.stop();
    await this.loopDone;
    await Promise.all(this.bulkClaims.values());
    await this.slots.drain();
    await this.bulkSlots.drain();
    await this.sending.drain();
    await this.sent.drain();
    for (const channel of this.leading) await releaseLease(this.options.db, leaseName(channel), this.holder.value).catch(() => {});
    this.leading = new Set();
    this.journal?.close();
  }

  /** Bulk claims under way, per channel (at most one each). */
  private readonly bulkClaims = new Map<string, Promise<void>>();

  /** True while this process holds the sender lease. */
  get isLeader(): boolean {
    return this.leading.size > 0;
  }

  private async loop(): Promise<void> {
    const poll = this.options.pollIntervalMs ?? 500;
    const leaseTtl = this.options.leaseTtlMs ?? 15_000;
    let leaseCheckedAt = -Infinity;
    while (this.running) {
      try {
        if (this.clock.now() - leaseCheckedAt > leaseTtl / 3) {
          await this.renewLeases(leaseTtl);
          leaseCheckedAt = this.clock.now();
        }
        if (this.leading.size === 0) {
          await this.idle(leaseTtl / 3);
          continue;
        }
        await this.slots.waitForCapacity();
        if (!this.running) break;
        const gap = this.lastClaimAt + (this.options.minClaimIntervalMs ?? 10) - this.clock.now();
        if (gap > 0) await this.clock.sleep(gap);
        this.lastClaimAt = this.clock.now();
        const claimed = await this.claimDue();
        // Held back by the global rate rather than an empty queue: look again as soon as a token is back.
        if (claimed === 0) await this.idle(this.rateBound ? Math.min(poll, 50) : poll);
      } catch (error) {
        this.options.logger.error({ err: errorSummary(error) }, 'outbox sender loop failed');
        await this.idle(poll);
      }
    }
  }

  private async renewLeases(leaseTtl: number): Promise<void> {
    const leading = new Set<string>();
    const now = new Date(this.clock.now());
    for (const channel of this.channels.keys()) {
      const lease = await tryAcquireLease(this.options.db, leaseName(channel), this.holder.value, leaseTtl, (other) => this.holder.isDeadLocal(other));
      if (!lease.held) continue;
      leading.add(channel);
      if (lease.takenFrom) {
        // What the former holder sent but had not yet recorded: recorded now, never sent again;
        // bulk sends it had dispatched with no outcome: recorded as sent, delivery unknown.
        // Read at the first channel taken over (the journal is the process's; the marks go by id).
        if (this.options.journalDir && lease.takenFrom.holder) {
          const outcomes = SentJournal.read(this.options.journalDir, lease.takenFrom.holder);
          if (outcomes.sent.length > 0) await this.store.markSent(outcomes.sent);
          // Under the condition recovery would resend them: the holder is dead, or their send lease ran out.
          const unconfirmed = await this.store.markUnconfirmed(outcomes.unconfirmed, lease.takenFrom.dead ? null : now);
          SentJournal.remove(this.options.journalDir, lease.takenFrom.holder);
          if (outcomes.sent.length + outcomes.unconfirmed.length > 0) {
            this.options.logger.info({ journaledSent: outcomes.sent.length, journaledUnconfirmed: outcomes.unconfirmed.length, unconfirmed }, "outbox sender read its predecessor's journal");
          }
        }
        // A new lease: what the former holder left claimed goes back now, its in-flight sends too when it is known dead.
        const recovered = await this.store.recoverAbandoned(channel, now, lease.takenFrom.dead);
        if (recovered.claimed + recovered.inFlight > 0 || lease.takenFrom.holder !== null) {
          this.options.logger.info(
            { channel, formerHolderDead: lease.takenFrom.dead, claimedBack: recovered.claimed, inFlightResent: recovered.inFlight },
            'outbox sender took over the channel',
          );
        }
      }
    }
    this.leading = leading;
    // Sends abandoned by a holder that died elsewhere (or hung) go back once their send lease ran out.
    if (leading.size > 0) await this.store.recoverExpired([...leading], now);
    this.limits.forEach((limits) => limits.prune());
  }

  /**
   * Claims, per channel, only as many messages as its global rate lets go out soon: replies
   * first; bulk messages (lane 1) only for the rate free right now, so a reply that arrives
   * next never waits behind a queue of reserved bulk sends.
   */
  private async claimDue(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const window = this.options.maxInlineWaitMs ?? 2_000;
    let total = 0;
    this.rateBound = false;
    for (const channel of this.leading) {
      const limits = this.limitsFor(channel);
      const room = limits.globalAvailable(window) - (this.unsettled.get(channel) ?? 0);
      const limit = Math.min(batchSize, room);
      if (limit <= 0) {
        this.rateBound = true;
        continue;
      }
      const now = new Date(this.clock.now());
      const replies = await this.store.claim(channel, this.holder.value, limit, now, CLAIM_LEASE_MS, LANE_CONVERSATION);
      total += replies.length;
      this.dispatch(channel, replies);
      // Bulk is claimed beside the loop: a slow claim over a large backlog never holds up the next reply's.
      // Claimed ahead of the slots it will take, so the rate is held even while a claim is slow.
      const ahead = Math.ceil((this.options.rateLimits(channel).globalPerSecond * BULK_AHEAD_MS) / 1000);
      const bulkRoom = Math.min(batchSize, ahead - (this.bulkInHand.get(channel) ?? 0));
      if (bulkRoom <= 0) this.rateBound = true;
      else if (!this.bulkClaims.has(channel)) {
        const claiming = this.claimBulk(channel, bulkRoom, now)
          .then((claimed) => {
            this.bulkClaims.delete(channel);
            // More may be waiting: look again now rather than at the next poll.
            if (claimed > 0) this.wake();
          })
          .catch((error: unknown) => {
            this.bulkClaims.delete(channel);
            this.options.logger.error({ channel, err: errorSummary(error) }, 'outbox bulk claim failed');
          });
        this.bulkClaims.set(channel, claiming);
      }
      // Bulk waits to go: look again soon (as when the rate is used up), not at the next poll.
      if (this.bulkClaims.has(channel)) this.rateBound = true;
    }
    return total;
  }

  private async claimBulk(channel: string, room: number, now: Date): Promise<number> {
    const rows = await this.sendable(await this.store.claim(channel, this.holder.value, room, now, CLAIM_LEASE_MS, LANE_BULK), now);
    if (!this.running) {
      await this.store.release(rows.map((row) => row.id));
      return 0;
    }
    this.dispatch(channel, rows);
    return rows.length;
  }

  /** Hands claimed messages to the send slots, one task per chat, in order. */
  private dispatch(channel: string, rows: ClaimedMessage[]): void {
    if (rows.length === 0) return;
    const bulk = rows.filter((row) => row.lane !== LANE_CONVERSATION).length;
    this.unsettled.set(channel, (this.unsettled.get(channel) ?? 0) + rows.length - bulk);
    this.bulkInHand.set(channel, (this.bulkInHand.get(channel) ?? 0) + bulk);
    const byChat = new Map<string, ClaimedMessage[]>();
    for (const row of rows) {
      const list = byChat.get(row.chatId);
      if (list) list.push(row);
      else byChat.set(row.chatId, [row]);
    }
    for (const messages of byChat.values()) {
      const slots = messages[0]!.lane === LANE_CONVERSATION ? this.slots : this.bulkSlots;
      slots.run((slot) => this.sendChat(messages, slot));
    }
  }

  /** Bulk messages whose recipient is in quiet hours now wait, untried, for the morning. */
  private async sendable(rows: ClaimedMessage[], now: Date): Promise<ClaimedMessage[]> {
    const go: ClaimedMessage[] = [];
    const waiting = new Map<number, bigint[]>();
    for (const row of rows) {
      const until = row.quiet ? quietUntil(now, row.quiet.timeZone, row.quiet) : null;
      if (!until) {
        go.push(row);
        continue;
      }
      const list = waiting.get(until.getTime());
      if (list) list.push(row.id);
      else waiting.set(until.getTime(), [row.id]);
    }
    for (const [until, ids] of waiting) await this.store.defer(ids, new Date(until));
    return go;
  }

  /** Sends one chat's claimed messages in order; on the first that cannot go now, hands the rest back. */
  private async sendChat(messages: ClaimedMessage[], slot: SendSlot): Promise<void> {
    for (let index = 0; index < messages.length; index += 1) {
      const message = messages[index]!;
      // Shutting down: this one and the rest go back untried. Otherwise sendOne settles this one.
      const proceed = this.running
        ? await this.sendOne(message, slot).catch((error: unknown) => {
            this.options.logger.error({ channel: message.channel, err: errorSummary(error) }, 'outbox send bookkeeping failed');
            return false;
          })
        : undefined;
      if (proceed === true) continue;
      const rest = messages.slice(proceed === undefined ? index : index + 1);
      this.settleRows(message.channel, rest);
      await this.store.release(rest.map((row) => row.id)).catch((error: unknown) => {
        this.options.logger.error({ err: errorSummary(error) }, 'releasing claimed messages failed');
      });
      return;
    }
  }

  /** Returns true when the chat's next message may follow right away. */
  private async sendOne(message: ClaimedMessage, slot: SendSlot): Promise<boolean> {
    if (message.lane !== LANE_CONVERSATION) return this.sendBulk(message, slot).finally(() => this.settleRows(message.channel, [message]));
    this.settle(message.channel, 1);
    return this.sendReply(message, slot);
  }

  /** A conversation reply: sent as soon as its chat's limits allow (bulk never holds it up). */
  private async sendReply(message: ClaimedMessage, slot: SendSlot): Promise<boolean> {
    const channel = this.channels.get(message.channel)!;
    const limits = this.limitsFor(message.channel);
    const waitMs = limits.waitMs(message.chatId);
    if (waitMs > (this.options.maxInlineWaitMs ?? 2_000)) {
      // Not sent, so not charged: the buckets keep their budget for messages that do go.
      await this.store.reschedule(message.id, new Date(this.clock.now() + waitMs), null, false);
      return false;
    }
    // Only a message holding a place on the wire is marked in flight, so a kill -9 leaves at
    // most `concurrency` moving sends uncertain, however many messages the claims handed over.
    return slot.onWire(() => this.sendOnWire(channel, message, slot, limits));
  }

  private async sendOnWire(channel: ChannelAdapter, message: ClaimedMessage, slot: SendSlot, limits: ChannelRateLimits): Promise<boolean> {
    if (!this.running) {
      await this.store.release([message.id]);
      return false;
    }
    // In flight from here until its outcome is journaled or recorded.
    if (!(await this.sending.add(message.id))) {
      this.options.logger.warn({ channel: message.channel }, 'outbox message taken back by another sender; not sending it');
      return false;
    }
    // The rate slot is taken after the database round trip, so the platform sees the paced gaps.
    const wait = limits.take(message.chatId);
    const slotAt = this.clock.now() + wait;
    if (wait > 0) await this.clock.sleep(wait);
    await this.keepToSlot(limits, slotAt);
    if (!this.running) {
      await this.store.reschedule(message.id, new Date(this.clock.now()), null, false);
      return false;
    }
    const result = await slot.during(() => this.sendWithBackstop(channel, message));
    return this.record(message, result, limits);
  }

  private async record(message: ClaimedMessage, result: SendResult, limits: ChannelRateLimits): Promise<boolean> {
    const now = this.clock.now();
    // A bulk send that did not go is journaled so before the database hears of it: a successor
    // after a kill then leaves it to the database (retried), rather than taking it for sent.
    // (A timed-out send may have arrived, but this process would try it again too.)
    if (result.status !== 'sent' && message.lane !== LANE_CONVERSATION) this.journal?.notDelivered(message.id);
    switch (result.status) {
      case 'sent':
        this.journal?.record(message.id, result.externalId ?? null);
        // Recorded within a tick, without holding up the chat's next message.
        void this.sent.add({ id: message.id, externalId: result.externalId ?? null }).catch((error: unknown) => {
          // Left 'sending', they are sent again once their send lease runs out: at-least-once, never lost.
          this.options.logger.error({ err: errorSummary(error) }, 'recording sent messages failed');
        });
        return true;
      case 'rate-limited':
        limits.pauseChat(message.chatId, result.retryAfterMs);
        await this.store.reschedule(message.id, new Date(now + result.retryAfterMs), result.reason, false);
        return false;
      case 'transient-error':
      case 'unknown': {
        const attempt = message.attempts + 1;
        const reason = result.status === 'unknown' ? `delivery unknown: ${result.reason}` : result.reason;
        if (attempt >= (this.options.maxAttempts ?? 8)) {
          await this.store.markFailed(message.id, reason);
          return true;
        }
        await this.store.reschedule(message.id, new Date(now + backoffMs(attempt)), reason, true, result.status === 'unknown');
        return false;
      }
      case 'blocked':
        await this.store.markChatBlocked(message.channel, message.chatId, result.reason);
        return false;
      case 'failed':
        await this.store.markFailed(message.id, result.reason);
        return true;
    }
  }

  /**
   * The channel's own timeout ends a send; should a channel not keep it, this one does. With
   * `journaled`, the channel's dispatch hook journals the send as it leaves (bulk only: see
   * sendBulkAfter); a hook the channel calls after the outcome is in is ignored.
   */
  private async sendWithBackstop(channel: ChannelAdapter, message: ClaimedMessage, journaled = false): Promise<SendResult> {
    const timeout = new AbortController();
    const backstop = this.clock.sleep(this.sendTimeoutMs() + 2_000, timeout.signal).then(
      (): SendResult => ({ status: 'unknown', reason: 'no answer from the channel' }),
    );
    const journal = journaled ? this.journal : undefined;
    let settled = false;
    const options = journal
      ? {
          onDispatch: () => {
            if (!settled) journal.dispatched(message.id);
          },
        }
      : undefined;
    try {
      return await Promise.race([
        channel.send(message.chatId, message.payload, options).catch((error: unknown): SendResult => ({ status: 'transient-error', reason: errorSummary(error) })),
        backstop,
      ]);
    } finally {
      settled = true;
      timeout.abort(NO_LONGER_NEEDED);
    }
  }

  private concurrency(): number {
    return this.options.concurrency ?? 64;
  }

  private sendTimeoutMs(): number {
    return this.options.sendTimeoutMs ?? 10_000;
  }

  /** How long a message stays 'sending' before another holder may assume its sender is gone. */
  private sendLeaseMs(): number {
    return 2 * this.sendTimeoutMs() + 10_000;
  }

  /**
   * A bulk message: it takes a ticket for the channel's next free send slot and waits for it in
   * memory, still only claimed; it is marked in flight just before its slot and sent at it. A
   * reply that needs the slot pushes the ticket later, so replies never wait behind bulk.
   */
  private async sendBulk(message: ClaimedMessage, slot: SendSlot): Promise<boolean> {
    const channel = this.channels.get(message.channel)!;
    const limits = this.limitsFor(message.channel);
    const chatWait = limits.chatWaitMs(message.chatId);
    if (chatWait > 0) {
      await this.store.reschedule(message.id, new Date(this.clock.now() + chatWait), null, false);
      return false;
    }
    // Nothing waits in line and the second has room (a quiet channel, a high limit): it goes at once.
    if (limits.takeBulkNow(message.chatId)) {
      if (!(await this.sending.add(message.id))) return false;
      return this.sendBulkAfter(0, channel, message, slot, limits);
    }
    const ticket = limits.reserveBulk();
    let committed = false;
    try {
      await this.untilTicket(ticket, Math.min(BULK_MARK_LEAD_MS.max, Math.max(BULK_MARK_LEAD_MS.min, 2 * this.markRoundTripMs)));
      if (!this.running) {
        await this.store.release([message.id]);
        return false;
      }
      // In flight from here. Refused when the person opted out or the broadcast was cancelled meanwhile.
      const marking = this.clock.now();
      const marked = await this.sending.add(message.id);
      this.markRoundTripMs = 0.8 * this.markRoundTripMs + 0.2 * (this.clock.now() - marking);
      if (!marked) return false;
      await this.untilTicket(ticket, 0);
      const wait = limits.commitBulk(ticket, message.chatId);
      committed = true;
      return await this.sendBulkAfter(wait, channel, message, slot, limits);
    } finally {
      if (!committed) limits.cancelBulk(ticket);
    }
  }

  /** Sends a bulk message marked in flight once its slot comes (`wait` ms). */
  private async sendBulkAfter(wait: number, channel: ChannelAdapter, message: ClaimedMessage, slot: SendSlot, limits: ChannelRateLimits): Promise<boolean> {
    const slotAt = this.clock.now() + wait;
    if (wait > 0) await this.clock.sleep(wait);
    if (!this.running) {
      await this.store.reschedule(message.id, new Date(this.clock.now()), null, false);
      return false;
    }
    // On the wire until its outcome is journaled: at most `concurrency` bulk sends a kill -9 can
    // leave uncertain, and with a journal none is sent twice: the send is journaled as it leaves,
    // and a successor records it sent (delivery unknown) rather than sending it again. Replies do
    // not do this: a lost reply is worse than a repeated one, so they stay at-least-once.
    return slot.onWire(async () => {
      await this.keepToSlot(limits, slotAt);
      const result = await slot.during(() => this.sendWithBackstop(channel, message, true));
      return this.record(message, result, limits);
    });
  }

  /**
   * Right before a send: one that slipped out of its slot's second (woken late by a busy
   * process, or held for a place on the wire) takes a slot in a second it can still reach and
   * waits for it, so no second carries more than the channel's limit (CI caught 6 in one
   * second under Baileys' 5/s). Stopping cuts the wait short.
   */
  private async keepToSlot(limits: ChannelRateLimits, slotAt: number): Promise<void> {
    for (let wait = limits.retakeIfSlipped(slotAt); wait > 0 && this.running; wait = limits.retakeIfSlipped(slotAt)) {
      slotAt = this.clock.now() + wait;
      await this.clock.sleep(wait, this.halt.signal);
    }
  }

  /** Waits until `leadMs` before the ticket's slot, following it when it moves; stopping cuts it short. */
  private async untilTicket(ticket: PacerTicket, leadMs: number): Promise<void> {
    while (this.running) {
      const wait = ticket.at - leadMs - this.clock.now();
      if (wait <= 0) return;
      const cut = new AbortController();
      const halted = () => cut.abort(NO_LONGER_NEEDED);
      this.halt.signal.addEventListener('abort', halted, { once: true });
      await Promise.race([this.clock.sleep(wait, cut.signal), ticket.moved(cut.signal)]);
      cut.abort(NO_LONGER_NEEDED);
      this.halt.signal.removeEventListener('abort', halted);
    }
  }

  /** Claimed messages handed back or done: replies free claim room, bulk messages their place ahead. */
  private settleRows(channel: string, rows: ClaimedMessage[]): void {
    const bulk = rows.filter((row) => row.lane !== LANE_CONVERSATION).length;
    this.settle(channel, rows.length - bulk);
    if (bulk > 0) this.bulkInHand.set(channel, Math.max(0, (this.bulkInHand.get(channel) ?? 0) - bulk));
  }

  private settle(channel: string, count: number): void {
    if (count <= 0) return;
    this.unsettled.set(channel, Math.max(0, (this.unsettled.get(channel) ?? 0) - count));
  }

  private limitsFor(channel: string): ChannelRateLimits {
    let limits = this.limits.get(channel);
    if (!limits) {
      limits = new ChannelRateLimits(this.options.rateLimits(channel), () => this.clock.now());
      this.limits.set(channel, limits);
    }
    return limits;
  }

  /** Waits up to `ms`, less when woken or when a send slot frees up. A wake is used up here. */
  private async idle(ms: number): Promise<void> {
    if (!this.running) return;
    if (this.woken) {
      this.woken = false;
      return;
    }
    const cut = new AbortController();
    this.wakeUp = () => cut.abort(NO_LONGER_NEEDED);
    await Promise.race([this.clock.sleep(ms, cut.signal), this.slots.changed(cut.signal)]);
    cut.abort(NO_LONGER_NEEDED);
    this.wakeUp = undefined;
    this.woken = false;
  }
}
