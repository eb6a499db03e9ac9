import type { Prisma } from '../../storage/generated/client.js';
import type { StaffPrincipal } from '../security/session-store.js';

/**
 * Which recipients a staff user may see, in one place. Admins and operators: all. Facilitators:
 * the members of the groups assigned to them. Others: none. Every query that reads recipients
 * goes through one of these three forms.
 */
export type RecipientScope = { kind: 'all' } | { kind: 'facilitator'; staffUserId: number } | { kind: 'none' };

export function recipientScope(user: Pick<StaffPrincipal, 'id' | 'role'>): RecipientScope {
  if (user.role === 'admin' || user.role === 'operator') return { kind: 'all' };
  if (user.role === 'facilitator') return { kind: 'facilitator', staffUserId: user.id };
  return { kind: 'none' };
}

/** The scope as a Prisma filter (exports, counts). */
export function scopeWhere(scope: RecipientScope): Prisma.RecipientWhereInput {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'facilitator':
      return { groups: { some: { group: { facilitators: { some: { staffUserId: scope.staffUserId } } } } } };
    case 'none':
      return { id: -1 };
  }
}

/**
 * The scope as a SQL condition on `r` (the recipient alias), with its parameter appended to
 * `params`. Index-backed: member(recipient_id) and facilitator(group_id, staff_user_id).
 */
export function scopeSql(scope: RecipientScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'facilitator':
      params.push(scope.staffUserId);
      return `EXISTS (SELECT 1 FROM kpm_group_member m JOIN kpm_group_facilitator f ON f.group_id = m.group_id
        WHERE m.recipient_id = r.id AND f.staff_user_id = $${params.length})`;
    case 'none':
      return 'FALSE';
  }
}

/** True when the recipient exists and is in scope; out-of-scope answers exactly like missing (404). */
export async function recipientInScope(prisma: Prisma.TransactionClient, scope: RecipientScope, recipientId: number): Promise<boolean> {
  const found = await prisma.recipient.findFirst({ where: { AND: [{ id: recipientId }, scopeWhere(scope)] }, select: { id: true } });
  return found !== null;
}
