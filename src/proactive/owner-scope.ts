import type { Prisma } from '../storage/generated/client.js';
import type { TargetSpec } from './target.js';
import type { Scope } from './types.js';

/**
 * Whose KPM a rule or scheduled broadcast may reach when it fires: its owner's scope now, not
 * when it was made. A facilitator's groups can be taken from them (or their account disabled)
 * after they planned a reminder or an announcement; it must not keep reaching those groups.
 *
 * - no owner (made by code: sessions, the API, tests): unscoped;
 * - admin or operator: unscoped, as when they made it;
 * - a facilitator (or any other role): the groups assigned to them now, none once disabled;
 * - an owner no longer in the database: none (nobody vouches for the target any more).
 *
 * A message already queued is checked again as it goes (the outbox's sending fence, MARK_SENDING
 * in outbox-store.ts): a KPM in none of the owner's groups by then is skipped, with this reason.
 */
export async function ownerScopeNow(tx: Pick<Prisma.TransactionClient, 'staffUser'>, ownerId: number | null): Promise<Scope> {
  if (ownerId === null) return 'all';
  const owner = await tx.staffUser.findUnique({
    where: { id: ownerId },
    select: { role: true, disabled: true, groups: { select: { groupId: true } } },
  });
  if (owner && (owner.role === 'admin' || owner.role === 'operator')) return 'all';
  if (!owner || owner.disabled) return { groupIds: [] };
  return { groupIds: owner.groups.map((group) => group.groupId) };
}

/**
 * The target's groups the owner still has; null when the owner is unscoped. A target that names
 * no group (an operator's, whose owner has since become a facilitator) keeps none.
 */
export function groupsStillOwned(target: TargetSpec, scope: Scope): number[] | null {
  if (scope === 'all') return null;
  return (target.groupIds ?? []).filter((id) => scope.groupIds.includes(id));
}
