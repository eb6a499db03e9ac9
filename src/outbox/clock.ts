/**
 * Where the outbox reads time and waits. Production uses the system clock; tests pass a clock
 * that runs faster (or one they step), so rate limits and backoff are checked without real waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
  /** Resolves after `ms` of this clock's time, or as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The reason to abort a wait with once it is no longer needed. Any reason will do: aborting with
 * none builds a DOMException (and its stack trace), which the send path did several times per reply.
 */
export const NO_LONGER_NEEDED = 'no longer needed';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => abortableDelay(ms, signal),
};

/** `setTimeout` as a promise that an AbortSignal cuts short (it resolves, never rejects). */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
