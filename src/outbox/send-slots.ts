import { ChangeSignal } from './change-signal.js';
import { NO_LONGER_NEEDED, type Clock } from './clock.js';

/** One chat's running task, as the claim loop sees it. */
export interface SendSlot {
  /**
   * Holds one of the `concurrency` places on the wire while `work` runs: marking the message in
   * flight, its platform call and journaling the outcome. Waiting sends get a place in the order
   * they asked (replies and bulk have separate instances, so neither waits behind the other).
   */
  onWire<T>(work: () => Promise<T>): Promise<T>;
  /** Runs one platform call; if it takes longer than `slowSendMs` the slot stops counting as busy. */
  during<T>(send: () => Promise<T>): Promise<T>;
}

/**
 * Bounds how many chats are sent to at once, counting only sends that move: a send that has
 * taken longer than `slowSendMs` (a hung platform call, waiting for its timeout) frees its place,
 * so chats whose calls hang cannot stop the others being served. A hard cap (four times the
 * concurrency) still bounds the chat tasks in memory and the sends on the wire.
 *
 * The places on the wire are what a kill -9 can leave uncertain: a message is marked in flight
 * only once it holds one, and gives it back once its outcome is journaled. However many chats a
 * claim hands over, at most `concurrency` moving sends can be repeated by a successor.
 */
export class SendSlots {
  private readonly tasks = new Set<Promise<void>>();
  private readonly slow = new Set<object>();
  /** Tasks holding a place on the wire (those also in `slow` no longer count against `concurrency`). */
  private readonly wire = new Set<object>();
  /** Sends waiting for a place on the wire, first come first served. */
  private readonly waiting: Array<() => void> = [];
  private readonly change = new ChangeSignal();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly concurrency: number,
    private readonly slowSendMs: number,
  ) {}

  run(task: (slot: SendSlot) => Promise<void>): void {
    const token = {};
    const slot: SendSlot = {
      onWire: async (work) => {
        await this.enterWire(token);
        try {
          return await work();
        } finally {
          this.leaveWire(token);
        }
      },
      during: async (send) => {
        const done = new AbortController();
        void this.clock.sleep(this.slowSendMs, done.signal).then(() => {
          if (done.signal.aborted) return;
          this.slow.add(token);
          this.admit();
          this.notify();
        });
        try {
          return await send();
        } finally {
          done.abort(NO_LONGER_NEEDED);
          this.slow.delete(token);
        }
      },
    };
    const running: Promise<void> = task(slot)
      .catch(() => undefined)
      .finally(() => {
        this.tasks.delete(running);
        this.slow.delete(token);
        this.leaveWire(token);
        this.notify();
      });
    this.tasks.add(running);
  }

  /**
   * Resolves once another chat may be started (or the sender stops). Only the hard cap holds
   * claims back: a message claimed while the wire is full waits for the next free place rather
   * than for a claim after it.
   */
  async waitForCapacity(): Promise<void> {
    while (!this.stopped && this.tasks.size >= this.concurrency * 4) {
      await this.changed();
    }
  }

  /** Resolves when a task ends or turns slow, or when `signal` aborts. */
  changed(signal?: AbortSignal): Promise<void> {
    return this.change.next(signal);
  }

  stop(): void {
    this.stopped = true;
    // Whoever waits for a place goes on, sees the stop and hands its message back.
    this.admit();
    this.notify();
  }

  /** Sends on the wire now that count against `concurrency` (hung ones do not). */
  get onWireNow(): number {
    let moving = 0;
    for (const token of this.wire) if (!this.slow.has(token)) moving += 1;
    return moving;
  }

  private hasWireRoom(): boolean {
    return this.stopped || (this.onWireNow < this.concurrency && this.wire.size < this.concurrency * 4);
  }

  private enterWire(token: object): Promise<void> {
    // Never ahead of a send already waiting, even when a place is free right now.
    if (this.waiting.length === 0 && this.hasWireRoom()) {
      this.wire.add(token);
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.wire.add(token);
        resolve();
      }),
    );
  }

  private leaveWire(token: object): void {
    if (!this.wire.delete(token)) return;
    this.admit();
  }

  /** Lets waiting sends on, in order, while there is room. */
  private admit(): void {
    while (this.hasWireRoom()) {
      const next = this.waiting.shift();
      if (!next) return;
      next();
    }
  }

  /** Waits for every task (each send ends by its timeout). */
  async drain(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private notify(): void {
    this.change.notify();
  }
}
