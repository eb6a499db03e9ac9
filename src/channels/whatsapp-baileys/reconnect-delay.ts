export interface ReconnectPolicy {
  /** Wait before the first reconnect. */
  initialDelayMs: number;
  /** The longest wait between attempts. */
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * Exponential backoff with jitter: the nth consecutive failure (from 1) waits about
 * initial × 2^(n-1), capped, and ±20% so a fleet restarted together does not reconnect in step.
 */
export function reconnectDelayMs(failures: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(policy.maxDelayMs, jittered));
}
