/**
 * "Something changed": every waiter is woken by the next `notify`, once; a waiter may give up
 * through its AbortSignal (it then stops listening, so abandoned waits do not pile up).
 */
export class ChangeSignal {
  private listeners = new Set<() => void>();

  /** Resolves at the next `notify`, or when `signal` aborts. */
  next(signal?: AbortSignal): Promise<void> {
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

  notify(): void {
    const listeners = this.listeners;
    this.listeners = new Set();
    listeners.forEach((listener) => listener());
  }
}
