import type { Context } from 'hono';
import { groupsStillOwned, ownerScopeNow } from '../../../proactive/owner-scope.js';
import type { TargetSpec } from '../../../proactive/target.js';
import type { Scope } from '../../../proactive/types.js';
import type { PrismaClient } from '../../../storage/generated/client.js';
import type { DashboardEnv } from '../../dashboard-env.js';

/**
 * Whether some of the target's groups are no longer its creator's (taken from the facilitator,
 * or their account disabled): those groups' KPM are skipped when it fires (owner-scope.ts).
 * `scopes` caches each creator's scope over one page.
 */
export async function losesOwnerGroups(
  prisma: PrismaClient,
  source: { createdById: number | null; target: TargetSpec },
  scopes = new Map<number, Scope>(),
): Promise<boolean> {
  if (source.createdById === null) return false;
  let scope = scopes.get(source.createdById);
  if (!scope) {
    scope = await ownerScopeNow(prisma, source.createdById);
    scopes.set(source.createdById, scope);
  }
  const owned = groupsStillOwned(source.target, scope);
  return owned !== null && (owned.length === 0 || owned.length < (source.target.groupIds?.length ?? 0));
}

/** Says that the groups no longer the creator's are skipped (shown to the creator and to operators). */
export function OwnerGroupsNote(props: { c: Context<DashboardEnv>; inTable?: boolean }) {
  const text = props.c.get('t')('broadcasts.outsideOwnerGroups');
  if (props.inTable) return <p class="muted" data-testid="outside-owner-groups">{text}</p>;
  return <p class="notice" role="status" data-testid="outside-owner-groups">{text}</p>;
}
