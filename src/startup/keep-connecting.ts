import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/** What /healthz reports for a platform connection. */
export type ConnectionState = 'connecting' | 'on' | 'unreachable';

/** How a failed attempt is read: retrying helps (network, 5xx) or cannot (a refused token). */
export interface AttemptFailure {
  permanent: boolean;
  /** One short line for the log; never the error's message (it may name a URL with a token). */
  reason: string;
}

export interface KeepConnectingOptions {
  /** Named in log lines ("Telegram"). */
  name: string;
  connect(): Promise<void>;
  classify(error: unknown): AttemptFailure;
  /** A permanent failure after the first attempt (the first one rejects `firstAttempt` instead). */
  onGiveUp(failure: AttemptFailure): void;
  logger: Logger;
  /** Waits between attempts; tests pass one that resolves at once. */
  wait?(ms: number, signal: AbortSignal): Promise<void>;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface Connection {
  readonly state: ConnectionState;
  /**
   * Settles after the first attempt: resolves when connected or when the platform is only
   * unreachable (retrying goes on in the background); rejects with a PermanentConnectError.
   */
  readonly firstAttempt: Promise<void>;
  /** Stops retrying and waits for an attempt in progress. */
  stop(): Promise<void>;
}

/** The first attempt failed in a way retrying cannot fix. */
export class PermanentConnectError extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(failure.reason);
    this.name = 'PermanentConnectError';
  }
}

/**
 * Connects to a platform and, while it is unreachable, keeps trying with growing pauses
 * (1 s doubling to 30 s), so a network that comes back later needs no restart. The state is
 * what /healthz shows; it never says "on" before a connection succeeded.
 */
export function keepConnecting(options: KeepConnectingOptions): Connection {
  const controller = new AbortController();
  const wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }).then(() => undefined, () => undefined));
  const firstDelay = options.firstDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let state: ConnectionState = 'connecting';
  let resolveFirst!: () => void;
  let rejectFirst!: (error: Error) => void;
  const firstAttempt = new Promise<void>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  // Nobody may be listening when the first attempt fails permanently during shutdown.
  firstAttempt.catch(() => undefined);

  const running = (async () => {
    for (let attempt = 1; !controller.signal.aborted; attempt += 1) {
      try {
        await options.connect();
        state = 'on';
        if (attempt > 1) options.logger.info(`${options.name} connected after ${attempt} attempts`);
        resolveFirst();
        return;
      } catch (error) {
        const failure = options.classify(error);
        if (failure.permanent) {
          if (attempt === 1) rejectFirst(new PermanentConnectError(failure));
          else options.onGiveUp(failure);
          state = 'unreachable';
          return;
        }
        state = 'unreachable';
        const delay = Math.min(maxDelay, firstDelay * 2 ** (attempt - 1));
        options.logger.warn(
          { attempt, retryInSeconds: delay / 1000 },
          `${options.name} unreachable: ${failure.reason}; retrying (/healthz reports it meanwhile)`,
        );
        resolveFirst();
        await wait(delay, controller.signal);
      }
    }
  })();

  return {
    get state() {
      return state;
    },
    firstAttempt,
    async stop() {
      controller.abort();
      resolveFirst();
      await running;
    },
  };
}
