import type { Prisma } from '../storage/generated/client.js';

/**
 * Who acts on sessions, and from where (for the audit log): a facilitator in their linked chat
 * or on the dashboard, or an operator/admin on the dashboard.
 */
export interface SessionActor {
  staffUserId: number;
  role: string;
  /** 'dashboard' or the chat's channel. */
  channel: string;
  /** The staff username on the dashboard, else the chat id. */
  chatId: string;
}

/** Operators and admins reach every group; a facilitator only the groups assigned to them. */
export function seesAllGroups(actor: Pick<SessionActor, 'role'>): boolean {
  return actor.role === 'admin' || actor.role === 'operator';
}

/** Sessions the actor may reach: for a facilitator, those with one of their groups. */
export function sessionScopeWhere(actor: SessionActor): Prisma.MentoringSessionWhereInput {
  if (seesAllGroups(actor)) return {};
  if (actor.role !== 'facilitator') return { id: -1 };
  return { groups: { some: { group: { facilitators: { some: { staffUserId: actor.staffUserId } } } } } };
}

/** Groups the actor may schedule for. */
export function groupScopeWhere(actor: SessionActor): Prisma.KpmGroupWhereInput {
  if (seesAllGroups(actor)) return {};
  if (actor.role !== 'facilitator') return { id: -1 };
  return { facilitators: { some: { staffUserId: actor.staffUserId } } };
}
