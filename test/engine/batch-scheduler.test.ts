import { describe, expect, it } from 'vitest';
import { BatchScheduler } from '../../src/engine/batch-scheduler.js';

/** A work function the test releases batch by batch. */
function controlledWork() {
  const batches: Array<{ keys: string[]; finish(again?: string[]): void }> = [];
  const work = (keys: string[]) =>
    new Promise<Set<string>>((resolve) => {
      batches.push({ keys, finish: (again = []) => resolve(new Set(again)) });
    });
  return { batches, work };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the batch scheduler', () => {
  it('puts the keys requested in one turn into one batch, at most maxKeys each', async () => {
    const { batches, work } = controlledWork();
    const scheduler = new BatchScheduler(work, { maxKeys: 3, maxRunning: 2 });
    for (const key of ['a', 'b', 'c', 'd']) void scheduler.request(key);
    await turn();
    expect(batches.map((batch) => batch.keys)).toEqual([['a', 'b', 'c'], ['d']]);
    batches.forEach((batch) => batch.finish());
    await scheduler.idle();
  });

  it('never runs one key in two batches at once, and runs it again after when asked meanwhile', async () => {
    const { batches, work } = controlledWork();
    const scheduler = new BatchScheduler(work, { maxKeys: 10, maxRunning: 4 });
    const first = scheduler.request('a');
    await turn();
    let secondDone = false;
    const second = scheduler.request('a').then(() => (secondDone = true));
    void scheduler.request('a'); // coalesced with the second
    void scheduler.request('b');
    await turn();
    // 'b' could start beside the running 'a'; the second 'a' waits for the first to end.
    expect(batches.map((batch) => batch.keys)).toEqual([['a'], ['b']]);
    batches[0]!.finish();
    await first;
    await turn();
    expect(batches.map((batch) => batch.keys)).toEqual([['a'], ['b'], ['a']]);
    expect(secondDone).toBe(false);
    batches[1]!.finish();
    batches[2]!.finish();
    await second;
    await scheduler.idle();
    expect(batches).toHaveLength(3);
  });

  it('sends a key with work left round again, and lets its callers go only when it has none', async () => {
    const { batches, work } = controlledWork();
    const scheduler = new BatchScheduler(work, { maxKeys: 10, maxRunning: 1 });
    let done = false;
    void scheduler.request('a').then(() => (done = true));
    await turn();
    batches[0]!.finish(['a']);
    await turn();
    await turn();
    expect(done).toBe(false);
    expect(batches).toHaveLength(2);
    batches[1]!.finish();
    await scheduler.idle();
    expect(done).toBe(true);
  });

  it('starts nothing once stopped and lets waiting callers go', async () => {
    const { batches, work } = controlledWork();
    const scheduler = new BatchScheduler(work, { maxKeys: 1, maxRunning: 1 });
    void scheduler.request('a');
    const waiting = scheduler.request('b');
    await turn();
    scheduler.stop();
    await waiting;
    batches[0]!.finish(['a']);
    await scheduler.idle();
    expect(batches.map((batch) => batch.keys)).toEqual([['a']]);
  });
});

describe('the batch scheduler backlog', () => {
  it('holds a producer while more keys wait than the limit, until batches take them', async () => {
    const { batches, work } = controlledWork();
    const scheduler = new BatchScheduler(work, { maxKeys: 2, maxRunning: 1 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) void scheduler.request(key);
    let roomy = false;
    const room = scheduler.roomFor(2, 60_000).then(() => (roomy = true));
    await turn();
    // a and b run; c, d, e wait: one over the limit.
    expect(roomy).toBe(false);
    batches[0]!.finish();
    await room;
    expect(roomy).toBe(true);
    batches[1]!.finish();
    await turn();
    batches[2]!.finish();
    await scheduler.idle();
  });

  it('measures the backlog in requests (stored messages), not keys', async () => {
    const { batches, work } = controlledWork();
    const scheduler = new BatchScheduler(work, { maxKeys: 1, maxRunning: 1 });
    void scheduler.request('a');
    await turn();
    // a runs; b waits with three messages: one key, three requests, over a limit of 2.
    for (let i = 0; i < 3; i += 1) void scheduler.request('b');
    let roomy = false;
    const room = scheduler.roomFor(2, 60_000).then(() => (roomy = true));
    await turn();
    expect(roomy).toBe(false);
    batches[0]!.finish();
    await room;
    expect(roomy).toBe(true);
    batches[1]!.finish();
    await scheduler.idle();
  });

});
