import type { AnyActorRef } from 'xstate';

interface TaggedSnapshot {
  status?: string;
  error?: unknown;
  hasTag?: (tag: string) => boolean;
  children?: Record<string, AnyActorRef | undefined>;
}

/** The actor and every actor it invoked or spawned, depth first. */
function actorsOf(actor: AnyActorRef): AnyActorRef[] {
  const snapshot = actor.getSnapshot() as TaggedSnapshot;
  return [actor, ...Object.values(snapshot.children ?? {}).flatMap((child) => (child ? actorsOf(child) : []))];
}

/**
 * Is an effect running anywhere in the tree? A flow marks states that run an effect with the
 * tag 'busy'; an invoked child flow (the progress report inside the KPM assistant) does the same
 * in its own snapshot, which the parent's does not show.
 */
export function isTreeBusy(actor: AnyActorRef): boolean {
  return actorsOf(actor).some((member) => (member.getSnapshot() as TaggedSnapshot).hasTag?.('busy') === true);
}

/**
 * Resolves once no actor in the tree is busy; rejects after `timeoutMs`. Listens to every actor
 * in the tree, since a child finishing its effect changes only its own snapshot.
 */
export async function settleActorTree(actor: AnyActorRef, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A flow that failed (an effect threw with no onError) will never settle: fail at once.
    const root = actor.getSnapshot() as TaggedSnapshot;
    if (root.status === 'error') throw root.error instanceof Error ? root.error : new Error(String(root.error));
    if (!isTreeBusy(actor)) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`flow still busy after ${timeoutMs} ms`);
    await new Promise<void>((resolve, reject) => {
      const subscriptions = actorsOf(actor).map((member) => member.subscribe({ next: () => done(), error: () => done(), complete: () => done() }));
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`flow still busy after ${timeoutMs} ms`));
      }, remaining);
      function cleanup() {
        clearTimeout(timer);
        for (const subscription of subscriptions) subscription.unsubscribe();
      }
      function done() {
        cleanup();
        resolve();
      }
    });
  }
}
