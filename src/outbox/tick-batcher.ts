/**
 * Gathers what callers hand in during one event-loop tick and runs one statement for all of it:
 * the cost of a database round trip is shared, and nothing waits longer than that round trip.
 */
export class TickBatcher<I, O> {
  private queued: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly run: (items: I[]) => Promise<O[]>) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => void this.flush());
    });
  }

  /** Runs what is queued now and waits for every batch still running. */
  async drain(): Promise<void> {
    void this.flush();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private flush(): Promise<void> {
    const batch = this.queued;
    if (batch.length === 0) return Promise.resolve();
    this.queued = [];
    const done = this.run(batch.map((entry) => entry.item)).then(
      (results) => batch.forEach((entry, index) => entry.resolve(results[index]!)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return done;
  }
}
