import type { Scope } from '../../../proactive/types.js';
import type { PrismaClient } from '../../../storage/generated/client.js';
import type { StaffPrincipal } from '../../security/session-store.js';

/** Operators and admins reach every KPM; a facilitator only the members of their groups. */
export async function broadcastScope(prisma: PrismaClient, user: Pick<StaffPrincipal, 'id' | 'role'>): Promise<Scope> {
  if (user.role === 'admin' || user.role === 'operator') return 'all';
  const groups = await prisma.kpmGroupFacilitator.findMany({ where: { staffUserId: user.id }, select: { groupId: true } });
  return { groupIds: groups.map((group) => group.groupId) };
}
