import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { isTelegramUpdate } from './is-telegram-update.js';
import { readableUpdateTypes } from './to-inbound-message.js';
import { toSendResult } from './to-send-result.js';

export interface PollUpdatesOptions {
  telegram: Telegram;
  /** Resolves once the update is stored; a rejection makes the poller fetch it again. */
  handle(update: Update): Promise<void>;
  logger: Logger;
  /** How long one getUpdates call may wait for news, in seconds (Telegram allows up to 50). */
  timeoutSeconds: number;
}

export interface RunningPoll {
  /** Stops asking for updates, waits for the one being stored, and confirms what was stored. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Long polling that drops nothing. Telegram forgets an update only once a later getUpdates
 * names a higher offset, so the offset moves past an update only after `handle` stored it; when
 * storing fails the same update is fetched again. Updates are handled one at a time, in order,
 * so one person's quick messages are never reordered. (Telegraf's own `launch` moves the offset
 * before handling and stops polling on the first failure.)
 */
export function pollUpdates(options: PollUpdatesOptions): RunningPoll {
  const controller = new AbortController();
  // The loop handles its own failures; this only keeps a bug from ending the process.
  const running = loop(options, controller.signal).catch((error: unknown) => {
    options.logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'telegram long polling stopped by an error');
  });
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}

async function loop(options: PollUpdatesOptions, signal: AbortSignal): Promise<void> {
  let offset = 0;
  let failures = 0;
  while (!signal.aborted) {
    let updates: unknown[];
    try {
      updates = await fetchUpdates(options, offset, signal);
    } catch (error) {
      if (signal.aborted) break;
      failures += 1;
      const result = toSendResult(error);
      options.logger.warn({ status: result.status, reason: result.reason }, 'telegram getUpdates failed; retrying');
      await pause(retryDelayMs(error, failures), signal);
      continue;
    }
    let stored = true;
    let usable = 0;
    for (const update of updates) {
      // Without a usable update_id the offset cannot move past it: skip it, a later one moves it.
      if (!isTelegramUpdate(update)) {
        options.logger.warn('telegram getUpdates returned something that is not an update; skipped');
        continue;
      }
      usable += 1;
      stored = await tryHandle(options, update);
      if (!stored) break;
      offset = update.update_id + 1;
    }
    // Nothing usable came back: wait before asking again rather than spin on it.
    const stuck = !stored || (updates.length > 0 && usable === 0);
    failures = stuck ? failures + 1 : 0;
    if (stuck) await pause(retryDelayMs(undefined, failures), signal);
  }
  await confirm(options, offset);
}

async function fetchUpdates(options: PollUpdatesOptions, offset: number, signal: AbortSignal): Promise<unknown[]> {
  const result: unknown = await options.telegram.callApi(
    'getUpdates',
    { offset, timeout: options.timeoutSeconds, allowed_updates: [...readableUpdateTypes] },
    // Telegraf's typings name the `abort-controller` polyfill; node-fetch accepts Node's own signal.
    { signal } as unknown as CallApiOptions,
  );
  if (!Array.isArray(result)) throw new TypeError('getUpdates did not return a list');
  return result;
}

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

async function tryHandle(options: PollUpdatesOptions, update: Update): Promise<boolean> {
  try {
    await options.handle(update);
    return true;
  } catch (error) {
    options.logger.warn(
      { updateId: update.update_id, errorName: error instanceof Error ? error.name : typeof error },
      'telegram update not stored; fetching it again',
    );
    return false;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

/**
 * Telegram's retry_after when it gave one, else exponential backoff. A 401 (bad token) or 409
 * (a webhook or another poller is active) also retries slowly, with a warning each time, rather
 * than stop receiving without a word.
 */
function retryDelayMs(error: unknown, failures: number): number {
  const result = error === undefined ? undefined : toSendResult(error);
  if (result?.status === 'rate-limited') return result.retryAfterMs;
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1));
}

/** Tells Telegram which updates are stored, so a restart does not fetch them again. */
async function confirm(options: PollUpdatesOptions, offset: number): Promise<void> {
  if (offset === 0) return;
  await options.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch(() => undefined);
}
