import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelAdapter, SendResult } from '../channels/channel-port.js';
import { errorSummary } from '../logging/error-summary.js';
import type { Database } from '../storage/database.js';
import { backoffMs } from './backoff.js';
import { releaseLease, tryAcquireLease } from './lease.js';
import { OutboxStore, type ClaimedMessage } from './outbox-store.js';
import { ChannelRateLimits, type RateLimitSettings } from './rate-limits.js';

export interface OutboxSenderOptions {
  db: Database;
  channels: ChannelAdapter[];
  rateLimits: (channel: string) => RateLimitSettings;
  logger: Logger;
  /** Identifies this process in the sender lease. */
  holder?: string;
  pollIntervalMs?: number;
  batchSize?: number;
  /** Chats sent to in parallel. */
  concurrency?: number;
  /** Transient failures before a message is given up as failed. */
  maxAttempts?: number;
  leaseTtlMs?: number;
  /** A chat's remaining messages go back to the queue rather than wait longer than this for their rate slot. */
  maxInlineWaitMs?: number;
  /** Shortest gap between two claims: under load, one claim then picks up many replies instead of one each. */
  minClaimIntervalMs?: number;
}

/** One lease per channel: the process that has a channel (e.g. the one paired WhatsApp socket) can lead it. */
const leaseName = (channel: string) => `outbox-sender:${channel}`;
const CLAIM_LEASE_MS = 60_000;

/**
 * Delivers the outbox. Only the process holding the sender lease sends; it claims due messages,
 * sends each chat's messages in order under per-chat and global rate limits, and records each
 * outcome: sent, retried with backoff, held for `retry_after`, failed, or the chat blocked.
 */
export class OutboxSender {
  private readonly store: OutboxStore;
  private readonly channels: Map<string, ChannelAdapter>;
  private readonly limits = new Map<string, ChannelRateLimits>();
  private readonly holder: string;
  private running = false;
  /** The channels this process currently sends for. */
  private leading = new Set<string>();
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly inFlight = new Set<Promise<void>>();
  private sentBuffer: Array<{ id: bigint; externalId: string | null }> = [];
  private flushing: Promise<void> = Promise.resolve();
  private lastClaimAt = 0;

  constructor(private readonly options: OutboxSenderOptions) {
    this.store = new OutboxStore(options.db);
    this.channels = new Map(options.channels.map((channel) => [channel.name, channel]));
    this.holder = options.holder ?? randomUUID();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
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
    await this.loopDone;
    await Promise.allSettled(this.inFlight);
    await this.flushSent();
    for (const channel of this.leading) await releaseLease(this.options.db, leaseName(channel), this.holder).catch(() => {});
    this.leading = new Set();
  }

  /** True while this process holds the sender lease. */
  get isLeader(): boolean {
    return this.leading.size > 0;
  }

  private async loop(): Promise<void> {
    const poll = this.options.pollIntervalMs ?? 500;
    const leaseTtl = this.options.leaseTtlMs ?? 15_000;
    let leaseCheckedAt = 0;
    while (this.running) {
      try {
        if (Date.now() - leaseCheckedAt > leaseTtl / 3) {
          const leading = new Set<string>();
          for (const channel of this.channels.keys()) {
            if (await tryAcquireLease(this.options.db, leaseName(channel), this.holder, leaseTtl)) leading.add(channel);
          }
          leaseCheckedAt = Date.now();
          this.leading = leading;
          // Claims left by a process that died (or by a failed write here) go back to the queue.
          if (leading.size > 0) await this.store.recoverExpired([...leading]);
          this.limits.forEach((limits) => limits.prune());
        }
        if (this.leading.size === 0) {
          await this.sleep(leaseTtl / 3);
          continue;
        }
        const claimed = await this.claimWithinCapacity();
        if (claimed === 0) await this.sleep(poll);
      } catch (error) {
        this.options.logger.error({ err: errorSummary(error) }, 'outbox sender loop failed');
        await this.sleep(poll);
      }
    }
  }

  private async claimWithinCapacity(): Promise<number> {
    const concurrency = this.options.concurrency ?? 64;
    while (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
    const gap = this.lastClaimAt + (this.options.minClaimIntervalMs ?? 10) - Date.now();
    if (gap > 0) await delay(gap);
    this.lastClaimAt = Date.now();
    this.woken = false;
    const rows = await this.store.claim([...this.leading], this.options.batchSize ?? 200, CLAIM_LEASE_MS);
    const byChat = new Map<string, ClaimedMessage[]>();
    for (const row of rows) {
      const key = `${row.channel}:${row.chatId}`;
      const list = byChat.get(key);
      if (list) list.push(row);
      else byChat.set(key, [row]);
    }
    for (const messages of byChat.values()) {
      const task = this.sendChat(messages).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
    return rows.length;
  }

  /** Sends one chat's claimed messages in order; on the first that cannot go now, hands the rest back. */
  private async sendChat(messages: ClaimedMessage[]): Promise<void> {
    for (let index = 0; index < messages.length; index += 1) {
      const message = messages[index]!;
      if (!this.running) {
        // Shutting down: what was not sent yet goes back to the queue for the next process.
        await this.store.release(messages.slice(index).map((rest) => rest.id));
        return;
      }
      const proceed = await this.sendOne(message).catch(async (error: unknown) => {
        this.options.logger.error({ channel: message.channel, err: errorSummary(error) }, 'outbox send bookkeeping failed');
        return false;
      });
      if (!proceed) {
        await this.store.release(messages.slice(index + 1).map((rest) => rest.id));
        return;
      }
    }
  }

  /** Returns true when the chat's next message may follow right away. */
  private async sendOne(message: ClaimedMessage): Promise<boolean> {
    const channel = this.channels.get(message.channel)!;
    const limits = this.limitsFor(message.channel);
    const wait = limits.reserve(message.chatId);
    if (wait > (this.options.maxInlineWaitMs ?? 2_000)) {
      await this.store.reschedule(message.id, new Date(Date.now() + wait), null, false);
      return false;
    }
    if (wait > 0) await delay(wait);

    let result: SendResult;
    try {
      result = await channel.send(message.chatId, message.payload);
    } catch (error) {
      result = { status: 'transient-error', reason: errorSummary(error) };
    }
    switch (result.status) {
      case 'sent':
        this.bufferSent(message.id, result.externalId ?? null);
        return true;
      case 'rate-limited':
        limits.pauseChat(message.chatId, result.retryAfterMs);
        await this.store.reschedule(message.id, new Date(Date.now() + result.retryAfterMs), result.reason, false);
        return false;
      case 'transient-error': {
        const attempt = message.attempts + 1;
        if (attempt >= (this.options.maxAttempts ?? 8)) {
          await this.store.markFailed(message.id, result.reason);
          return true;
        }
        await this.store.reschedule(message.id, new Date(Date.now() + backoffMs(attempt)), result.reason, true);
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

  private bufferSent(id: bigint, externalId: string | null): void {
    this.sentBuffer.push({ id, externalId });
    if (this.sentBuffer.length === 1) setImmediate(() => void this.flushSent());
  }

  /** Records sent messages in one statement per tick rather than one per message. */
  private flushSent(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.sentBuffer;
      this.sentBuffer = [];
      await this.store.markSent(batch).catch((error: unknown) => {
        // Left 'sending', they are resent after the claim lease expires: at-least-once, never lost.
        this.options.logger.error({ err: errorSummary(error) }, 'recording sent messages failed');
      });
    });
    return this.flushing;
  }

  private limitsFor(channel: string): ChannelRateLimits {
    let limits = this.limits.get(channel);
    if (!limits) {
      limits = new ChannelRateLimits(this.options.rateLimits(channel));
      this.limits.set(channel, limits);
    }
    return limits;
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const inFlightDone = this.inFlight.size > 0 ? Promise.race(this.inFlight) : undefined;
      void inFlightDone?.then(done);
      this.wakeUp = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
