import type { Prisma } from '../storage/generated/client.js';

/**
 * How failed identity checks are limited. Two different protections, because they guard
 * against different people:
 * - per chat: a chat that keeps failing is stopped for a while (its own count, shown to it);
 * - per NIK, from any chat: many failures on one NIK slow down *name* checks on it with growing
 *   delays. Only names are slowed: the phone match and the KK number still work, so a stranger
 *   who knows a KPM's NIK can slow guessing but cannot lock the owner out.
 */
export interface AttemptLimits {
  /** Failed checks one chat may make in the window (default 3). */
  perChat: number;
  /** Failed checks on one NIK, from any chat, in the window before name checks on it are slowed (default 5). */
  perNik: number;
  windowMs: number;
  /** The first delay once `perNik` is reached; it doubles with each further failure. */
  nikDelayMs: number;
  nikMaxDelayMs: number;
}

const MINUTE = 60_000;
export const defaultAttemptLimits: AttemptLimits = {
  perChat: 3,
  perNik: 5,
  windowMs: 24 * 60 * MINUTE,
  nikDelayMs: 15 * MINUTE,
  nikMaxDelayMs: 24 * 60 * MINUTE,
};

type Tx = Prisma.TransactionClient;
type Chat = { channel: string; chatId: string };

/** This chat's own standing: attempts left, and when a used-up chat may try again. */
export async function chatStanding(tx: Tx, limits: AttemptLimits, chat: Chat, now: Date): Promise<{ left: number; until: Date | null }> {
  const recent = await tx.verificationAttempt.findMany({
    where: { channel: chat.channel, chatId: chat.chatId, succeeded: false, at: { gt: new Date(now.getTime() - limits.windowMs) } },
    orderBy: { at: 'desc' },
    take: limits.perChat,
    select: { at: true },
  });
  const left = Math.max(0, limits.perChat - recent.length);
  // Used up: free again when the oldest of the last `perChat` failures leaves the window.
  const oldest = recent.at(-1);
  return { left, until: left === 0 && oldest ? new Date(oldest.at.getTime() + limits.windowMs) : null };
}

/** Until when name checks on this NIK are slowed, or null when they are not. */
export async function nikSlowedUntil(tx: Tx, limits: AttemptLimits, nikHash: string, now: Date): Promise<Date | null> {
  const where = { nikHash, succeeded: false, at: { gt: new Date(now.getTime() - limits.windowMs) } };
  const failures = await tx.verificationAttempt.count({ where });
  if (failures < limits.perNik) return null;
  const last = await tx.verificationAttempt.findFirst({ where, orderBy: { at: 'desc' }, select: { at: true } });
  if (!last) return null;
  const delay = Math.min(limits.nikDelayMs * 2 ** (failures - limits.perNik), limits.nikMaxDelayMs);
  const until = new Date(last.at.getTime() + delay);
  return until > now ? until : null;
}

export async function recordAttempt(tx: Tx, chat: Chat, nikHash: string, succeeded: boolean, at: Date): Promise<void> {
  await tx.verificationAttempt.create({ data: { channel: chat.channel, chatId: chat.chatId, nikHash, succeeded, at } });
}
