import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, setup, sendTo } from 'xstate';
import { isTreeBusy, settleActorTree } from '../../src/engine/settle-actor-tree.js';

/** A child that runs an effect (tagged busy) on WORK; its parent forwards WORK and is never busy itself. */
function parentWithChild(effect: () => Promise<string>) {
  const child = setup({ actors: { work: fromPromise(effect) } }).createMachine({
    initial: 'idle',
    context: { result: '' },
    states: {
      idle: { on: { WORK: 'working' } },
      working: { tags: 'busy', invoke: { src: 'work', onDone: { target: 'idle', actions: ({ context, event }) => { context.result = event.output; } } } },
    },
  });
  return setup({ actors: { child } }).createMachine({
    invoke: { id: 'child', src: 'child' },
    on: { WORK: { actions: sendTo('child', { type: 'WORK' }) } },
  });
}

describe('settleActorTree', () => {
  it('waits for an invoked child’s effect, which the parent’s own snapshot does not show', async () => {
    let finish!: (value: string) => void;
    const actor = createActor(parentWithChild(() => new Promise<string>((resolve) => (finish = resolve))));
    actor.start();
    actor.send({ type: 'WORK' });
    expect(actor.getSnapshot().hasTag('busy' as never)).toBe(false);
    expect(isTreeBusy(actor)).toBe(true);
    let settled = false;
    const waiting = settleActorTree(actor, 2_000).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish('done');
    await waiting;
    expect(isTreeBusy(actor)).toBe(false);
    actor.stop();
  });

  it('fails at once when the flow itself failed', async () => {
    const broken = setup({ actors: { work: fromPromise(async () => { throw new Error('effect broke'); }) } }).createMachine({
      initial: 'working',
      states: { working: { tags: 'busy', invoke: { src: 'work' } } },
    });
    const actor = createActor(broken);
    actor.subscribe({ error: () => undefined });
    actor.start();
    await new Promise((resolve) => setImmediate(resolve));
    // Waiting out the long timeout would exceed this test's own 5 s limit: it must fail at once.
    await expect(settleActorTree(actor, 600_000)).rejects.toThrow('effect broke');
  }, 5_000);
});
