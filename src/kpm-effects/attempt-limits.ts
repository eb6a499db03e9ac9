import type { Prisma } from '../storage/generated/client.js';

export interface AttemptLimits {
  /** Failed verifications one chat may make in the window (default 3). */
  perChat: number;
  /** Failed verifications against one NIK, from any chat, in the window (default 5). */
  perNik: number;
  windowMs: number;
}

export const defaultAttemptLimits: AttemptLimits = { perChat: 3, perNik: 5, windowMs: 24 * 60 * 60 * 1000 };

/** How many more failures this chat (and, when given, this NIK) may make before being locked. */
export async function remainingAttempts(
  tx: Prisma.TransactionClient,
  limits: AttemptLimits,
  chat: { channel: string; chatId: string },
  nikHash?: string,
): Promise<number> {
  const since = new Date(Date.now() - limits.windowMs);
  const chatFailures = await tx.verificationAttempt.count({
    where: { channel: chat.channel, chatId: chat.chatId, succeeded: false, at: { gte: since } },
  });
  let left = limits.perChat - chatFailures;
  if (nikHash) {
    const nikFailures = await tx.verificationAttempt.count({ where: { nikHash, succeeded: false, at: { gte: since } } });
    left = Math.min(left, limits.perNik - nikFailures);
  }
  return Math.max(0, left);
}

export async function recordAttempt(
  tx: Prisma.TransactionClient,
  chat: { channel: string; chatId: string },
  nikHash: string,
  succeeded: boolean,
): Promise<void> {
  await tx.verificationAttempt.create({ data: { channel: chat.channel, chatId: chat.chatId, nikHash, succeeded } });
}
