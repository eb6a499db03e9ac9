import { createActor, waitFor, type AnyStateMachine, type EventObject, type Snapshot } from 'xstate';
import type { TurnScope } from './flow-binding.js';
import { attachTurnScope } from './turn-scope.js';

/** Longest a flow may keep an effect running within one message before the turn fails. */
const EFFECT_TIMEOUT_MS = 15_000;

/**
 * Restores (or starts) an actor, feeds it `events` one by one and waits after each until no
 * effect is running (no 'busy' tag), then returns the snapshot to persist. The turn's scope
 * is attached to the actor's system, where the machine's effects look it up.
 */
export async function runTurn(
  machine: AnyStateMachine,
  start: { snapshot: Snapshot<unknown> | null; input: unknown },
  events: EventObject[],
  scope: TurnScope,
): Promise<{ persisted: Snapshot<unknown>; context: unknown }> {
  const actor = start.snapshot
    ? createActor(machine, { snapshot: start.snapshot, input: start.input })
    : createActor(machine, { input: start.input });
  attachTurnScope(actor.system, scope);
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

async function settle(actor: ReturnType<typeof createActor<AnyStateMachine>>): Promise<void> {
  if (!actor.getSnapshot().hasTag('busy')) return;
  await waitFor(actor, (snapshot) => !snapshot.hasTag('busy'), { timeout: EFFECT_TIMEOUT_MS });
}
