import type { Clock } from './clock.js';

/** One chat's running task, as the claim loop sees it. */
export interface SendSlot {
  /** Runs one platform call; if it takes longer than `slowSendMs` the slot stops counting as busy. */
  during<T>(send: () => Promise<T>): Promise<T>;
}

/**
 * Bounds how many chats are sent to at once, counting only sends that move: a send that has
 * taken longer than `slowSendMs` (a hung platform call, waiting for its timeout) frees its place,
 * so chats whose calls hang cannot stop the others being served. A hard cap (four times the
 * concurrency) still bounds the tasks in memory.
 */
export class SendSlots {
  private readonly tasks = new Set<Promise<void>>();
  private readonly slow = new Set<object>();
  private listeners = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly concurrency: number,
    private readonly slowSendMs: number,
  ) {}

  run(task: (slot: SendSlot) => Promise<void>): void {
    const token = {};
    const slot: SendSlot = {
      during: async (send) => {
        const done = new AbortController();
        void this.clock.sleep(this.slowSendMs, done.signal).then(() => {
          if (done.signal.aborted) return;
          this.slow.add(token);
          this.notify();
        });
        try {
          return await send();
        } finally {
          done.abort();
          this.slow.delete(token);
        }
      },
    };
    const running: Promise<void> = task(slot)
      .catch(() => undefined)
      .finally(() => {
        this.tasks.delete(running);
        this.slow.delete(token);
        this.notify();
      });
    this.tasks.add(running);
  }

  /** Resolves once another chat may be started (or the sender stops). */
  async waitForCapacity(): Promise<void> {
    while (!this.stopped && (this.tasks.size - this.slow.size >= this.concurrency || this.tasks.size >= this.concurrency * 4)) {
      await this.changed();
    }
  }

  /** Resolves when a task ends or turns slow, or when `signal` aborts. */
  changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        this.listeners.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.listeners.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  stop(): void {
    this.stopped = true;
    this.notify();
  }

  /** Waits for every task (each send ends by its timeout). */
  async drain(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = new Set();
    listeners.forEach((listener) => listener());
  }
}
