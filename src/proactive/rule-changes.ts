import type { Prisma } from '../storage/generated/client.js';
import { cancelSource } from './broadcasts.js';
import { nextOccurrence, type RecurrenceSpec } from './recurrence.js';

type Tx = Prisma.TransactionClient;

/**
 * Pausing, resuming and deleting a rule, each in the caller's transaction (the dashboard writes
 * its audit row in the same one). A paused rule has no next fire, and its messages still
 * waiting (e.g. for the end of quiet hours) are not sent. Resuming starts again from the first
 * occurrence after that moment: what fell in the pause is skipped, never sent late.
 */
export async function pauseRule(tx: Tx, id: number, now: Date): Promise<boolean> {
  const updated = await tx.reminderRule.updateMany({ where: { id, cancelledAt: null, pausedAt: null }, data: { pausedAt: now, nextFireAt: null } });
  if (updated.count === 0) return false;
  await cancelSource(tx, 'rule', id);
  return true;
}

/** Resumes a paused rule; its next fire (null when a one-off's time has passed), or undefined when it was not paused. */
export async function resumeRule(tx: Tx, id: number, now: Date): Promise<Date | null | undefined> {
  const rule = await tx.reminderRule.findFirst({ where: { id, cancelledAt: null, pausedAt: { not: null } }, select: { recurrence: true, timeZone: true } });
  if (!rule) return undefined;
  const next = nextOccurrence(rule.recurrence as unknown as RecurrenceSpec, rule.timeZone, now);
  await tx.reminderRule.update({ where: { id }, data: { pausedAt: null, nextFireAt: next } });
  return next;
}

/** Deletes a rule for good (kept as cancelled for the record): no more fires, waiting messages stopped. */
export async function deleteRule(tx: Tx, id: number, now: Date): Promise<boolean> {
  const updated = await tx.reminderRule.updateMany({ where: { id, cancelledAt: null }, data: { cancelledAt: now, nextFireAt: null } });
  if (updated.count === 0) return false;
  await cancelSource(tx, 'rule', id);
  return true;
}
