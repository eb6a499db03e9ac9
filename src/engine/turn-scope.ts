import type { TurnScope } from './flow-binding.js';

/**
 * Where a flow's effects find the turn they run for. The machine is provided once per process
 * (providing it builds a whole new machine, about 800 µs a turn); each turn's actor system is
 * attached to that turn's scope here, and every effect and action receives its `system`.
 * Keyed weakly, so a finished turn's scope goes with its actor.
 */
const scopes = new WeakMap<object, TurnScope>();

/** Attaches `scope` to an actor system for as long as the system lives. */
export function attachTurnScope(system: object, scope: TurnScope): void {
  scopes.set(system, scope);
}

/** The scope of the turn whose actor system this is; throws outside a turn (a wiring mistake). */
export function turnScopeOf(system: object): TurnScope {
  const scope = scopes.get(system);
  if (!scope) throw new Error('effect ran outside an engine turn: no turn scope attached to its actor system');
  return scope;
}
