import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Scheduler, type ScheduledJob } from '../../src/proactive/scheduler.js';

const logger = pino({ level: 'silent' });

/** A clock the test moves; `sleep` returns at once (the test drives ticks with `step`). */
function testClock(start: number) {
  let now = start;
  return { now: () => now, sleep: async () => undefined, advance: (ms: number) => void (now += ms) };
}

function recordingJob(name: string, everyMs?: number, result = 1) {
  const runs: number[] = [];
  const job: ScheduledJob = { name, ...(everyMs === undefined ? {} : { everyMs }), run: async (now) => (runs.push(now.getTime()), result) };
  return { job, runs };
}

describe('the one scheduler loop', () => {
  it('runs every job each tick at the clock\'s now, a job with its own cadence only when its time has come', async () => {
    const clock = testClock(1_000_000);
    const rules = recordingJob('reminder-rules');
    const reports = recordingJob('report-reminders', 5 * 60_000);
    let woken = 0;
    const scheduler = new Scheduler({ jobs: [rules.job, reports.job], logger, clock, onQueued: () => (woken += 1) });
    await scheduler.step();
    clock.advance(15_000);
    await scheduler.step();
    clock.advance(5 * 60_000);
    await scheduler.step();
    expect(rules.runs).toEqual([1_000_000, 1_015_000, 1_315_000]);
    expect(reports.runs).toEqual([1_000_000, 1_315_000]);
    expect(woken).toBe(5);
  });

  it('a failing job is logged and the others still run', async () => {
    const clock = testClock(0);
    const after = recordingJob('after');
    const scheduler = new Scheduler({
      jobs: [{ name: 'broken', run: async () => { throw new Error('database gone'); } }, after.job],
      logger,
      clock,
    });
    await scheduler.step();
    expect(after.runs).toEqual([0]);
  });

  it('a tick asked for while a run is under way counts that run and runs again at the new now; never two at once', async () => {
    const clock = testClock(0);
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    const job: ScheduledJob = {
      name: 'session-notices',
      async run(now) {
        running += 1;
        most = Math.max(most, running);
        seen.push(now.getTime());
        if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
        return seen.length === 1 ? 2 : 1;
      },
    };
    const scheduler = new Scheduler({ jobs: [job], logger, clock });
    const loopRun = scheduler.runJob('session-notices');
    clock.advance(60_000);
    const tick = scheduler.runJob('session-notices');
    release();
    expect(await loopRun).toBe(2);
    // The run under way (2) and its own run at the moved clock (1).
    expect(await tick).toBe(3);
    expect(seen).toEqual([0, 60_000]);
    expect(most).toBe(1);
  });

  it('stops: the loop ends and no job runs after stop', async () => {
    const clock = { now: () => 0, sleep: (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve())) };
    const rules = recordingJob('reminder-rules');
    const scheduler = new Scheduler({ jobs: [rules.job], logger, clock });
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await scheduler.stop();
    const runs = rules.runs.length;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toBe(1);
    expect(rules.runs.length).toBe(runs);
  });
});
