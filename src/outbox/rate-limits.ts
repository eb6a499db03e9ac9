import { TokenBucket } from './token-bucket.js';

export interface RateLimitSettings {
  /** Messages per second to one chat (Telegram advises about 1). */
  perChatPerSecond: number;
  /** Messages one chat may receive at once before the per-chat rate applies. */
  perChatBurst: number;
  /** Messages per second across all chats of the channel (Telegram: about 30 for bulk). */
  globalPerSecond: number;
}

/** Per-chat and per-channel token buckets for one channel. */
export class ChannelRateLimits {
  private readonly global: TokenBucket;
  private readonly chats = new Map<string, TokenBucket>();

  constructor(private readonly settings: RateLimitSettings) {
    this.global = new TokenBucket(settings.globalPerSecond, Math.max(1, Math.ceil(settings.globalPerSecond)));
  }

  /** Milliseconds to wait before the next message to `chatId` may go out (and reserves it). */
  reserve(chatId: string): number {
    const chat = this.chatBucket(chatId);
    return Math.max(chat.take(), this.global.take());
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
      bucket = new TokenBucket(this.settings.perChatPerSecond, this.settings.perChatBurst);
      this.chats.set(chatId, bucket);
    }
    return bucket;
  }
}
