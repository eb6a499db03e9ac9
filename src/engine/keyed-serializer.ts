/**
 * Runs at most one drain per key at a time inside this process, and coalesces requests that
 * arrive while one runs into a single follow-up run. Cross-process exclusion is the database's
 * job (an advisory lock); this only saves a process from queueing on its own lock.
 */
export class KeyedSerializer {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(private readonly work: (key: string) => Promise<void>) {}

  /** Requests a run for `key`; resolves when no run for it is pending or in progress. */
  request(key: string): Promise<void> {
    const current = this.running.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: true, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        while (entry.again) {
          entry.again = false;
          await this.work(key);
        }
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, entry);
    return entry.done;
  }

  /** Resolves once every run in progress has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
    }
  }
}
