import { ChangeSignal } from './change-signal.js';

/**
 * Holds a channel to `count` sends per period (30 per calendar second for 30/s) and spreads
 * bulk messages evenly over it, replies first.
 *
 * Each period has `count` slots, evenly spaced and kept `guardMs` away from its edges, so a
 * send that arrives a little late still lands in its own second. Every send uses up one slot
 * of the period it goes in, so no period ever holds more than `count`:
 * - `take` (conversation replies, anything not bulk): goes at the moment asked for, using the
 *   next slot of that period (an unused earlier one when none is left after it); only when the
 *   period is used up does it wait for the next period's first free slot.
 * - `reserve` (bulk): a ticket in line. Tickets are laid over the free slots from now on, in
 *   order; when a reply takes a slot, or a ticket is given up, they are laid out again
 *   (`PacerTicket.moved` tells their holders). So a reply never waits behind bulk, and bulk
 *   fills every slot the replies leave.
 * - `commit`: a ticket's message goes now, at its slot.
 */
export class SendPacer {
  /** Slots used for good (replies, committed bulk). */
  private readonly used = new Set<number>();
  /** Bulk tickets not yet committed, in line order. */
  private readonly tickets: PacerTicket[] = [];
  /** The period `prune` last ran in. */
  private prunedIn = Number.NaN;
  private readonly spacingMs: number;
  private readonly guardMs: number;

  constructor(
    private readonly count: number,
    private readonly periodMs: number,
    private readonly now: () => number = Date.now,
    guardMs = 50,
  ) {
    this.guardMs = Math.min(guardMs, periodMs / 10);
    this.spacingMs = count > 1 ? (periodMs - 2 * this.guardMs) / (count - 1) : 0;
  }

  /** For a rate of `perSecond`: whole sends per period, the period stretched for rates under 1/s. */
  static forRate(perSecond: number, now: () => number = Date.now): SendPacer {
    const count = Math.max(1, Math.floor(perSecond));
    return new SendPacer(count, Math.ceil((1000 * count) / perSecond), now);
  }

  /** Which period slot `index` is in. */
  periodOfSlot(index: number): number {
    return Math.floor(index / this.count);
  }

  /** When slot `index` is. */
  timeOf(index: number): number {
    const period = Math.floor(index / this.count);
    const within = index - period * this.count;
    return period * this.periodMs + (this.count > 1 ? this.guardMs + within * this.spacingMs : this.periodMs / 2);
  }

  /**
   * Places a send at or after `now + atLeastMs` for good; returns the milliseconds to wait:
   * `atLeastMs` while that period has a slot left, else until the next period's first free slot.
   * Bulk tickets it displaces move later.
   */
  take(atLeastMs = 0): number {
    const now = this.now();
    this.prune(now);
    let at = now + atLeastMs;
    for (;;) {
      const period = this.periodOf(at);
      const index = this.freeIn(period, this.firstAtOrAfter(at), this.replyCutoff(period) > at);
      if (index !== undefined) {
        this.used.add(index);
        this.layOut(now);
        return at - now;
      }
      at = this.timeOf((period + 1) * this.count);
    }
  }

  /** A bulk message's place in line. */
  reserve(): PacerTicket {
    const now = this.now();
    this.prune(now);
    const last = this.tickets[this.tickets.length - 1];
    let index = Math.max(last ? last.index + 1 : 0, this.firstAtOrAfter(now));
    while (this.used.has(index)) index += 1;
    const ticket = new PacerTicket(this, index);
    this.tickets.push(ticket);
    return ticket;
  }

  /**
   * The ticket's message goes now: at its slot when that is still ahead or has only just
   * passed in the current period; otherwise it gives up its place and goes as a reply would (a
   * late wake-up never spills into a full second). Returns the milliseconds to wait.
   */
  commit(ticket: PacerTicket): number {
    const now = this.now();
    const position = this.tickets.indexOf(ticket);
    if (position < 0) return this.take();
    this.tickets.splice(position, 1);
    const at = ticket.at;
    if (this.isOnTime(at, now) && !this.used.has(ticket.index)) {
      this.used.add(ticket.index);
      return Math.max(0, at - now);
    }
    return this.take();
  }

  /** The ticket's message will not go (opted out, cancelled, shutting down): the tickets behind it move up. */
  cancel(ticket: PacerTicket): void {
    const position = this.tickets.indexOf(ticket);
    if (position < 0) return;
    this.tickets.splice(position, 1);
    this.layOut(this.now());
  }

  /**
   * True when no bulk message waits in line and less than half the current period is used: one
   * may go at once. The other half is left to the line, so a burst never fills a second and
   * makes the replies that follow wait for the next.
   */
  roomNow(): boolean {
    const now = this.now();
    if (this.tickets.length > 0) return false;
    const period = this.periodOf(now);
    let used = 0;
    for (const index of this.used) if (this.periodOfSlot(index) === period) used += 1;
    return used < Math.max(1, Math.floor(this.count / 2)) && this.freeIn(period, this.firstAtOrAfter(now)) !== undefined;
  }

  /**
   * A send placed at `at` that goes only now: 0 while `at`'s period still holds it; else (a
   * busy process woke it late, or it waited for a place on the wire) a slot in a period it can
   * still reach is taken for it, as `take` does, and the wait for it returned. So no period
   * gets a send beyond its `count` from one that slipped out of the period before.
   */
  retakeIfSlipped(at: number): number {
    return this.isOnTime(at, this.now()) ? 0 : this.take();
  }

  /** Bulk tickets waiting for their slot. */
  get waiting(): number {
    return this.tickets.length;
  }

  /** A slot at `at` may still be used at `now`: ahead, or passed within its period while half the closing guard is left (for the way to the platform). */
  private isOnTime(at: number, now: number): boolean {
    return at >= now || (this.periodOf(at) === this.periodOf(now) && now - this.periodOf(now) * this.periodMs <= this.periodMs - this.guardMs / 2);
  }

  private periodOf(at: number): number {
    return Math.floor(at / this.periodMs);
  }

  /**
   * Until when in `period` a reply past its last slot may still go at once, on an unused slot of
   * that period: a fifth of the guard before its end. Left for the next period's first slot, such
   * replies waited 50–100 ms for nothing on an idle channel (p99 of replies 110 ms instead of 54).
   */
  private replyCutoff(period: number): number {
    return (period + 1) * this.periodMs - this.guardMs / 5;
  }

  /**
   * The first slot of `period` from `from` on not used for good; else, while one is left ahead
   * (or `pastLastSlot` allows it), an unused one before it that no ticket holds.
   */
  private freeIn(period: number, from: number, pastLastSlot = false): number | undefined {
    const end = (period + 1) * this.count;
    for (let index = Math.max(from, period * this.count); index < end; index += 1) if (!this.used.has(index)) return index;
    // Past the period's last slot nothing more goes in it (a send then could arrive in the next
    // second), but a reply just past it, well before the turn of the second.
    if (from >= end && !pastLastSlot) return undefined;
    for (let index = Math.min(from, end) - 1; index >= period * this.count; index -= 1) {
      if (!this.used.has(index) && !this.tickets.some((ticket) => ticket.index === index)) return index;
    }
    return undefined;
  }

  /** Lays every ticket, in line order, over the free slots from now, telling each one that moved. */
  private layOut(now: number): void {
    let index = this.firstAtOrAfter(now);
    for (const ticket of this.tickets) {
      // Its holder is about to commit (woken a little late): it keeps its slot.
      if (ticket.at < now && this.isOnTime(ticket.at, now)) continue;
      while (this.used.has(index)) index += 1;
      if (ticket.index !== index) ticket.moveTo(index);
      index += 1;
    }
  }

  /** Index of the first slot at or after `at`. */
  private firstAtOrAfter(at: number): number {
    const period = this.periodOf(at);
    let index = period * this.count;
    if (this.count > 1) index += Math.max(0, Math.min(this.count, Math.ceil((at - period * this.periodMs - this.guardMs) / this.spacingMs) - 1));
    while (this.timeOf(index) < at) index += 1;
    return index;
  }

  /** Forgets slots of periods gone by (once per period: the set holds up to two periods' sends). */
  private prune(now: number): void {
    const period = this.periodOf(now);
    if (period === this.prunedIn) return;
    this.prunedIn = period;
    const first = (period - 1) * this.count;
    for (const index of this.used) if (index < first) this.used.delete(index);
  }
}

/** A bulk message's place in the pacer's line. */
export class PacerTicket {
  private readonly move = new ChangeSignal();

  constructor(
    private readonly pacer: SendPacer,
    public index: number,
  ) {}

  /** When this ticket's slot is (it may move). */
  get at(): number {
    return this.pacer.timeOf(this.index);
  }

  /** The period its slot is in. */
  get period(): number {
    return this.pacer.periodOfSlot(this.index);
  }

  /** Resolves when the ticket moves, or when `signal` aborts. */
  moved(signal?: AbortSignal): Promise<void> {
    return this.move.next(signal);
  }

  /** @internal */
  moveTo(index: number): void {
    this.index = index;
    this.move.notify();
  }
}
