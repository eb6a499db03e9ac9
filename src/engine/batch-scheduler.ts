/**
 * Gathers the conversations that have work into batches for `work`, and never lets one key be
 * in two batches at once inside this process (cross-process exclusion is the database's job:
 * advisory locks). Keys requested in the same event-loop turn, or while every batch slot is
 * busy, go out together; a key requested while its batch runs gets one follow-up run.
 */
export interface BatchSchedulerOptions {
  /** Most keys in one batch. */
  maxKeys: number;
  /** Most batches running at once. */
  maxRunning: number;
}

/** Runs one batch; resolves with the keys that still have work (they go round again). Must not throw. */
export type BatchWork = (keys: string[]) => Promise<Set<string>>;

export class BatchScheduler {
  /** Keys waiting for a batch, oldest request first, each with the callers waiting for it. */
  private readonly wanted = new Map<string, Array<() => void>>();
  /** Requests in `wanted` (one per stored message, for the engine): what the backlog is measured in. */
  private wantedRequests = 0;
  private readonly active = new Set<string>();
  private running = 0;
  private scheduled = false;
  private stopped = false;
  private readonly settled: Array<() => void> = [];
  private roomWaiters: Array<{ limit: number; resolve(): void }> = [];

  constructor(
    private readonly work: BatchWork,
    private readonly options: BatchSchedulerOptions,
  ) {}

  /** Requests a run for `key`; resolves once a run that started after this request has left it with no work. */
  request(key: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const waiting = this.wanted.get(key);
      if (waiting) waiting.push(resolve);
      else this.wanted.set(key, [resolve]);
      this.wantedRequests += 1;
      this.schedule();
    });
  }

  /**
   * Resolves once at most `limit` requests wait for a batch, or after `maxWaitMs` whatever the
   * backlog: callers that can hold back their producers (a webhook's answer) give the batches
   * the event loop when work piles up, without ever waiting long. Requests, not keys: the
   * engine makes one per stored message, and 1,000 chats with one message each are a smaller
   * backlog than 200 chats with twenty.
   */
  roomFor(limit: number, maxWaitMs: number): Promise<void> {
    if (this.wantedRequests <= limit || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        limit,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.roomWaiters = this.roomWaiters.filter((other) => other !== waiter);
        resolve();
      }, maxWaitMs);
      this.roomWaiters.push(waiter);
    });
  }

  /** Resolves once nothing is waiting or running (after stop: once nothing is running). */
  async idle(): Promise<void> {
    while (this.running > 0 || (!this.stopped && this.wanted.size > 0)) {
      await new Promise<void>((resolve) => this.settled.push(resolve));
    }
  }

  /** Starts no new batch; callers still waiting are let go (their messages stay stored). */
  stop(): void {
    this.stopped = true;
    for (const waiting of this.wanted.values()) for (const resolve of waiting) resolve();
    this.wanted.clear();
    this.wantedRequests = 0;
    this.notify();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // One turn later, so every request of this turn (an inbox write settles many) joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.stopped && this.running < this.options.maxRunning) {
      const batch = new Map<string, Array<() => void>>();
      for (const [key, waiting] of this.wanted) {
        if (this.active.has(key)) continue;
        batch.set(key, waiting);
        if (batch.size >= this.options.maxKeys) break;
      }
      if (batch.size === 0) break;
      for (const [key, waiting] of batch) {
        this.wanted.delete(key);
        this.wantedRequests -= waiting.length;
        this.active.add(key);
      }
      this.running += 1;
      void this.run(batch);
    }
    this.notify();
  }

  private async run(batch: Map<string, Array<() => void>>): Promise<void> {
    let again = new Set<string>();
    try {
      again = await this.work([...batch.keys()]);
    } catch {
      // `work` handles its own failures; whatever escapes leaves the messages pending for the sweep.
    }
    this.running -= 1;
    for (const [key, waiting] of batch) {
      this.active.delete(key);
      if (again.has(key) && !this.stopped) {
        const newer = this.wanted.get(key) ?? [];
        this.wanted.delete(key);
        this.wanted.set(key, [...waiting, ...newer]);
        this.wantedRequests += waiting.length;
      } else {
        for (const resolve of waiting) resolve();
      }
    }
    this.pump();
  }

  private notify(): void {
    if (this.roomWaiters.length > 0) {
      const ready = this.roomWaiters.filter((waiter) => this.stopped || this.wantedRequests <= waiter.limit);
      this.roomWaiters = this.roomWaiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve();
    }
    if (this.running > 0 || (!this.stopped && this.wanted.size > 0)) return;
    for (const resolve of this.settled.splice(0)) resolve();
  }
}
