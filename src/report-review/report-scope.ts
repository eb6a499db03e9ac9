import type { RecipientScope } from '../dashboard/access/recipient-scope.js';
import type { Prisma } from '../storage/generated/client.js';

/**
 * The recipient scope as a condition on a recipient id column (`r.id` by default), for the report queries. A facilitator's group
 * ids are read first (a handful) and written as literals, so the planner starts from the few
 * members (kpm_group_member's primary key) instead of probing every report's recipient — the
 * same reasoning as the recipient search.
 */
export async function reportScopeSql(prisma: Prisma.TransactionClient, scope: RecipientScope, column = 'r.id'): Promise<string> {
  if (scope.kind === 'all') return 'TRUE';
  if (scope.kind === 'none') return 'FALSE';
  const ids = await facilitatorGroupIds(prisma, scope.staffUserId);
  return ids.length === 0 ? 'FALSE' : `${column} IN (SELECT m.recipient_id FROM kpm_group_member m WHERE m.group_id = ANY('{${ids.join(',')}}'::int[]))`;
}

/** The groups assigned to a facilitator, as safe integers. */
export async function facilitatorGroupIds(prisma: Prisma.TransactionClient, staffUserId: number): Promise<number[]> {
  const groups = await prisma.kpmGroupFacilitator.findMany({ where: { staffUserId }, select: { groupId: true } });
  return groups.map((g) => g.groupId).filter((id) => Number.isSafeInteger(id));
}

/** True when the scope may see this group's reports (admins and operators: any; facilitators: their own). */
export async function groupInScope(prisma: Prisma.TransactionClient, scope: RecipientScope, groupId: number): Promise<boolean> {
  if (scope.kind === 'none') return false;
  if (scope.kind === 'all') return (await prisma.kpmGroup.count({ where: { id: groupId } })) > 0;
  return (await prisma.kpmGroupFacilitator.count({ where: { groupId, staffUserId: scope.staffUserId } })) > 0;
}
