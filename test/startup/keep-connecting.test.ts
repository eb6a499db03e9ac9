import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { keepConnecting, PermanentConnectError, type AttemptFailure } from '../../src/startup/keep-connecting.js';

const logger = pino({ level: 'silent' });
const transient: AttemptFailure = { permanent: false, reason: 'cannot reach the Bot API (ECONNREFUSED)' };
const permanent: AttemptFailure = { permanent: true, reason: 'Telegram refused TELEGRAM_BOT_TOKEN' };

/** A connect() whose attempts fail with the scripted errors, then succeed. */
function scripted(failures: AttemptFailure[]) {
  let attempts = 0;
  return {
    get attempts() {
      return attempts;
    },
    async connect() {
      attempts += 1;
      const failure = failures.shift();
      if (failure) throw failure;
    },
  };
}

/** Waits that return at once and remember how long they were asked to be. */
function recordedWaits() {
  const delays: number[] = [];
  let release: () => void = () => {};
  let held = Promise.resolve();
  return {
    delays,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
    wait: async (ms: number) => {
      delays.push(ms);
      await held;
    },
  };
}

describe('keepConnecting', () => {
  it('is "on" after a first attempt that succeeds', async () => {
    const target = scripted([]);
    const connection = keepConnecting({ name: 'T', connect: () => target.connect(), classify: (e) => e as AttemptFailure, onGiveUp: () => {}, logger });
    expect(connection.state).toBe('connecting');
    await connection.firstAttempt;
    expect(connection.state).toBe('on');
    expect(target.attempts).toBe(1);
  });

  it('reports "unreachable" while retrying with growing pauses, then "on"', async () => {
    const target = scripted([transient, transient, transient, transient, transient, transient, transient]);
    const waits = recordedWaits();
    waits.hold();
    const connection = keepConnecting({ name: 'T', connect: () => target.connect(), classify: (e) => e as AttemptFailure, onGiveUp: () => {}, logger, wait: waits.wait });
    await connection.firstAttempt; // settles after the first failure: start-up goes on
    expect(connection.state).toBe('unreachable');
    waits.release();
    await expect.poll(() => connection.state, { timeout: 10_000 }).toBe('on');
    expect(target.attempts).toBe(8);
    expect(waits.delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('rejects the first attempt when retrying cannot help', async () => {
    const target = scripted([permanent]);
    const connection = keepConnecting({ name: 'T', connect: () => target.connect(), classify: (e) => e as AttemptFailure, onGiveUp: () => {}, logger });
    await expect(connection.firstAttempt).rejects.toBeInstanceOf(PermanentConnectError);
    await expect(connection.firstAttempt).rejects.toThrow('Telegram refused TELEGRAM_BOT_TOKEN');
    expect(target.attempts).toBe(1);
  });

  it('gives up on a permanent failure during retries and says so', async () => {
    const target = scripted([transient, permanent]);
    const gaveUp: AttemptFailure[] = [];
    const connection = keepConnecting({ name: 'T', connect: () => target.connect(), classify: (e) => e as AttemptFailure, onGiveUp: (f) => gaveUp.push(f), logger, wait: async () => {} });
    await connection.firstAttempt;
    await expect.poll(() => gaveUp, { timeout: 10_000 }).toEqual([permanent]);
    expect(target.attempts).toBe(2);
  });

  it('stops retrying when stopped', async () => {
    const target = scripted(Array.from({ length: 100 }, () => transient));
    const waits = recordedWaits();
    waits.hold();
    const connection = keepConnecting({ name: 'T', connect: () => target.connect(), classify: (e) => e as AttemptFailure, onGiveUp: () => {}, logger, wait: waits.wait });
    await connection.firstAttempt;
    const stopped = connection.stop();
    waits.release();
    await stopped;
    expect(target.attempts).toBe(1);
    expect(connection.state).toBe('unreachable');
  });
});
