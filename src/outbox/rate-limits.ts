import { SendPacer, type PacerTicket } from './send-pacer.js';
import { SlidingWindow } from './sliding-window.js';
import { TokenBucket } from './token-bucket.js';

export interface RateLimitSettings {
  /** Messages per second to one chat (Telegram advises about 1). */
  perChatPerSecond: number;
  /** Messages one chat may receive at once before the per-chat rate applies. */
  perChatBurst: number;
  /** Messages per second across all chats of the channel (Telegram: about 30 for bulk). */
  globalPerSecond: number;
}

/**
 * Per-chat and per-channel token buckets for one channel. Only a message that is really sent
 * is charged (`take`); one that goes back to the queue was only looked at (`waitMs`), so a
 * backlog never runs the buckets into a debt that grows faster than they refill.
 */
export class ChannelRateLimits {
  private readonly global: TokenBucket;
  /** The channel's strict per-second cap: no calendar second over the limit, even after a quiet spell. */
  private readonly window: SlidingWindow;
  /** Where in each second sends go: evenly spread, replies ahead of bulk. */
  private readonly pacer: SendPacer;
  private readonly chats = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.global = new TokenBucket(settings.globalPerSecond, Math.max(1, Math.ceil(settings.globalPerSecond)), now);
    this.window = SlidingWindow.forRate(settings.globalPerSecond, now);
    this.pacer = SendPacer.forRate(settings.globalPerSecond, now);
  }

  /** Milliseconds before the next message to `chatId` could go out; reserves nothing. */
  waitMs(chatId: string): number {
    return Math.max(this.chats.get(chatId)?.waitMs() ?? 0, this.global.waitMs(), this.window.waitMs());
  }

  /** Reserves the slot of a message about to be sent; returns the milliseconds to wait for it. */
  take(chatId: string): number {
    const chat = this.chatBucket(chatId);
    const chatWait = chat.take();
    const wait = this.window.take(this.pacer.take(Math.max(chatWait, this.global.take(), this.window.waitMs())));
    // Held back by the channel (a full second) longer than by the chat: its next message is spaced from when this one goes.
    if (wait > chatWait) chat.defer(wait - chatWait);
    return wait;
  }

  /** Milliseconds before this chat may receive another message (its own rate only). */
  chatWaitMs(chatId: string): number {
    return this.chats.get(chatId)?.waitMs() ?? 0;
  }

  /**
   * When no bulk message waits in line and this second and the window have room (a quiet
   * channel, a high limit), takes the slot of a bulk message that goes at once and returns true.
   */
  takeBulkNow(chatId: string): boolean {
    if (!this.pacer.roomNow() || this.global.waitMs() > 0 || this.window.waitMs() > 0 || this.chatWaitMs(chatId) > 0) return false;
    this.take(chatId);
    return true;
  }

  /** A bulk message's place in line for the channel's send slots; replies may push it later. */
  reserveBulk(): PacerTicket {
    return this.pacer.reserve();
  }

  /**
   * The bulk message holding `ticket` goes now: charges its chat; returns the milliseconds to
   * wait. Not the channel's token bucket: the pacer holds bulk to the rate, and a bucket run
   * into debt by bulk would make the next reply wait for it.
   */
  commitBulk(ticket: PacerTicket, chatId: string): number {
    this.chatBucket(chatId).take();
    // Paced per calendar second: the slot is kept even where the sliding window would have it wait.
    const wait = this.pacer.commit(ticket);
    this.window.record(wait);
    return wait;
  }

  /** A send placed at `at` that goes only now: 0 while its second still holds it, else the wait for a slot taken in a later one. */
  retakeIfSlipped(at: number): number {
    return this.pacer.retakeIfSlipped(at);
  }

  /** The bulk message holding `ticket` will not go: the tickets behind it move up. */
  cancelBulk(ticket: PacerTicket): void {
    this.pacer.cancel(ticket);
  }

  /** Bulk messages holding a ticket. */
  get bulkWaiting(): number {
    return this.pacer.waiting;
  }

  /** How many messages the channel may send within `withinMs` from now: what a claim may take. */
  globalAvailable(withinMs: number): number {
    return Math.min(this.global.available(withinMs), this.window.available(withinMs));
  }

  /** The platform asked to wait: hold this chat back for `ms`. */
  pauseChat(chatId: string, ms: number): void {
    this.chatBucket(chatId).pause(ms);
  }

  /** Forgets buckets of chats that are idle again, so memory stays bounded. */
  prune(): void {
    for (const [chatId, bucket] of this.chats) if (bucket.isFull()) this.chats.delete(chatId);
  }

  private chatBucket(chatId: string): TokenBucket {
    let bucket = this.chats.get(chatId);
    if (!bucket) {
      bucket = new TokenBucket(this.settings.perChatPerSecond, this.settings.perChatBurst, this.now);
      this.chats.set(chatId, bucket);
    }
    return bucket;
  }
}
