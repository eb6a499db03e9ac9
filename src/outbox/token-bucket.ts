/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `burst` are kept. `take` reserves a
 * token and answers how long to wait before using it (0 = now); `waitMs` only looks, so a
 * message that is not sent after all costs nothing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Reserves one token; returns the milliseconds to wait until it may be used. */
  take(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  /** Milliseconds until a token would be free, reserving nothing. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Whole tokens free now or flowing in within `withinMs` (never negative). */
  available(withinMs: number): number {
    this.refill();
    return Math.max(0, Math.floor(Math.min(this.burst, this.tokens) + (withinMs / 1000) * this.ratePerSecond));
  }

  /** The token just taken is used `ms` later than it could have been: the refill counts from then. */
  defer(ms: number): void {
    this.refill();
    this.tokens -= (ms / 1000) * this.ratePerSecond;
  }

  /** Empties the bucket for `ms` (the platform said "slow down"). */
  pause(ms: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0) - (ms / 1000) * this.ratePerSecond;
  }

  /** True when the bucket is full again, so a per-chat bucket can be forgotten. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }
}
