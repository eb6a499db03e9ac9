export const TIMED_OUT = Symbol('timed out');

/**
 * `promise`, or TIMED_OUT after `ms`. Baileys' sendMessage takes no signal and waits up to a
 * minute on a stalled socket; the chat's queue must not wait that long.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
