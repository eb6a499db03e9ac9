/**
 * At most `count` sends in any window of `windowMs`: the strict cap a platform's "N messages
 * per second" means. A token bucket alone lets a full bucket go out on top of a second's
 * refill (up to twice the limit in one second); this keeps every second at or under it.
 * `take` reserves the next free moment, `waitMs`/`available` only look.
 */
export class SlidingWindow {
  /** Scheduled send times of the last `count` sends, oldest first. */
  private readonly times: number[] = [];

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** For a rate of `perSecond`: whole sends per window, the window stretched for rates under 1/s. */
  static forRate(perSecond: number, now: () => number = Date.now): SlidingWindow {
    const count = Math.max(1, Math.floor(perSecond));
    return new SlidingWindow(count, Math.ceil((1000 * count) / perSecond), now);
  }

  waitMs(): number {
    if (this.times.length < this.count) return 0;
    return Math.max(0, this.times[0]! + this.windowMs - this.now());
  }

  /** Reserves a send at or after `now + atLeastMs`; returns the milliseconds to wait for it. */
  take(atLeastMs = 0): number {
    const now = this.now();
    let at = now + atLeastMs;
    if (this.times.length >= this.count) at = Math.max(at, this.times[0]! + this.windowMs);
    this.note(at);
    return at - now;
  }

  /** Records a send placed elsewhere (a bulk message at its paced slot), `inMs` from now, so later takes count it. */
  record(inMs: number): void {
    this.note(this.now() + inMs);
  }

  private note(at: number): void {
    // Kept in order; a new time almost always belongs at the end.
    let index = this.times.length;
    while (index > 0 && this.times[index - 1]! > at) index -= 1;
    this.times.splice(index, 0, at);
    if (this.times.length > this.count) this.times.shift();
  }

  /** Sends that could start within `withinMs` from now. */
  available(withinMs: number): number {
    const horizon = this.now() + withinMs;
    let due = 0;
    while (due < this.times.length && this.times[due]! + this.windowMs <= horizon) due += 1;
    return this.count - this.times.length + due;
  }
}
