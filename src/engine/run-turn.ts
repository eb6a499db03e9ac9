import { createActor, type AnyStateMachine, type EventObject, type Snapshot } from 'xstate';
import { settleActorTree } from './settle-actor-tree.js';

/** Longest a flow may keep an effect running within one message before the turn fails. */
const EFFECT_TIMEOUT_MS = 15_000;

/**
 * Restores (or starts) an actor, feeds it `events` one by one and waits after each until no
 * effect is running (no 'busy' tag anywhere in the actor tree), then returns the snapshot to persist.
 */
export async function runTurn(
  machine: AnyStateMachine,
  start: { snapshot: Snapshot<unknown> | null; input: unknown },
  events: EventObject[],
): Promise<{ persisted: Snapshot<unknown>; context: unknown }> {
  const actor = start.snapshot
    ? createActor(machine, { snapshot: start.snapshot, input: start.input })
    : createActor(machine, { input: start.input });
  let failure: unknown;
  actor.subscribe({ error: (error) => (failure = error) });
  actor.start();
  try {
    await settle(actor);
    for (const event of events) {
      actor.send(event);
      await settle(actor);
    }
    if (failure) throw failure;
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'error') throw snapshot.error;
    return { persisted: actor.getPersistedSnapshot(), context: snapshot.context };
  } finally {
    actor.stop();
  }
}

/** Waits until no effect runs, in the flow or in a child flow it invoked. */
async function settle(actor: ReturnType<typeof createActor<AnyStateMachine>>): Promise<void> {
  await settleActorTree(actor, EFFECT_TIMEOUT_MS);
}
