/**
 * Resolves with `ready()`'s value once it is defined, checking now and whenever `waiters` are
 * woken; rejects after `timeoutMs` naming what was awaited. Stand-ins wake their waiters on
 * every change they record.
 */
export function waitUntil<T>(
  waiters: Set<() => void>,
  ready: () => T | undefined,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = ready();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}
