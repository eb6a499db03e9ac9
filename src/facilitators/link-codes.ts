import { createHmac, randomInt } from 'node:crypto';
import { writeAudit } from '../audit/write-audit.js';
import type { Prisma } from '../storage/generated/client.js';

/**
 * One-time codes that link a chat to a facilitator's dashboard account. The dashboard shows a
 * six-digit code to the logged-in facilitator; typed in WhatsApp or Telegram as `DAFTAR 123456`
 * it links that chat. Only a keyed hash is stored; a code expires, is used once, and a new code
 * replaces the account's unused ones. Wrong codes are counted per chat and overall, so nobody
 * can walk the million codes: past the limit the chat (or, under a spread attack, linking as a
 * whole) waits for the window to pass.
 */
export interface LinkCodeSettings {
  /** Keys the code hash (an installation secret). */
  secret: string;
  ttlMs: number;
  windowMs: number;
  maxFailuresPerChat: number;
  maxFailuresOverall: number;
}

export const defaultLinkCodeSettings: Omit<LinkCodeSettings, 'secret'> = {
  ttlMs: 10 * 60_000,
  windowMs: 60 * 60_000,
  maxFailuresPerChat: 5,
  maxFailuresOverall: 200,
};

type Tx = Prisma.TransactionClient;

export function hashLinkCode(secret: string, code: string): string {
  return createHmac('sha256', secret).update(`facilitator-link:${code}`).digest('hex');
}

/** `DAFTAR 123456` (any case, spaces or a dash inside the digits): the code, or null. */
export function readLinkCommand(text: string): string | null {
  const match = /^\s*\/?daftar\s*[:\-]?\s*(\d{3})[\s-]?(\d{3})\s*$/i.exec(text);
  return match ? `${match[1]}${match[2]}` : null;
}

/** Issues a fresh code for a facilitator (audited); earlier unused codes stop working. */
export async function issueLinkCode(
  tx: Tx,
  settings: LinkCodeSettings,
  staffUserId: number,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + settings.ttlMs);
  await tx.facilitatorLinkCode.deleteMany({ where: { staffUserId, usedAt: null } });
  // Two live codes could hash alike only if equal: drop any other account's identical unused code.
  await tx.facilitatorLinkCode.deleteMany({ where: { codeHash: hashLinkCode(settings.secret, code) } });
  await tx.facilitatorLinkCode.create({ data: { staffUserId, codeHash: hashLinkCode(settings.secret, code), createdAt: now, expiresAt } });
  const user = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { username: true } });
  await writeAudit(tx, { action: 'facilitator.link-code', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId });
  return { code, expiresAt };
}

export type RedeemOutcome =
  | { outcome: 'linked'; staffUserId: number; displayName: string }
  | { outcome: 'invalid'; attemptsLeft: number }
  | { outcome: 'locked'; until: Date };

/**
 * Tries a typed code for a chat. On success the chat is linked to the account (replacing any
 * earlier link of that chat) and the link is audited; the code is spent.
 */
export async function redeemLinkCode(
  tx: Tx,
  settings: LinkCodeSettings,
  chat: { channel: string; chatId: string },
  code: string,
  now: Date,
): Promise<RedeemOutcome> {
  const since = new Date(now.getTime() - settings.windowMs);
  const failures = await tx.facilitatorLinkAttempt.findMany({
    where: { channel: chat.channel, chatId: chat.chatId, succeeded: false, at: { gt: since } },
    orderBy: { at: 'asc' },
    select: { at: true },
  });
  if (failures.length >= settings.maxFailuresPerChat) {
    return { outcome: 'locked', until: new Date(failures[failures.length - settings.maxFailuresPerChat]!.at.getTime() + settings.windowMs) };
  }
  const overall = await tx.facilitatorLinkAttempt.count({ where: { succeeded: false, at: { gt: since } } });
  if (overall >= settings.maxFailuresOverall) return { outcome: 'locked', until: new Date(now.getTime() + settings.windowMs) };

  const found = await tx.facilitatorLinkCode.findUnique({
    where: { codeHash: hashLinkCode(settings.secret, code) },
    include: { staffUser: { select: { id: true, role: true, disabled: true, displayName: true, username: true } } },
  });
  const usable = found && found.usedAt === null && found.expiresAt > now && found.staffUser.role === 'facilitator' && !found.staffUser.disabled;
  await tx.facilitatorLinkAttempt.create({ data: { at: now, channel: chat.channel, chatId: chat.chatId, succeeded: Boolean(usable) } });
  if (!usable || !found) return { outcome: 'invalid', attemptsLeft: Math.max(0, settings.maxFailuresPerChat - failures.length - 1) };

  // Spent whatever happens next; the update's condition makes a concurrent second use fail.
  const spent = await tx.facilitatorLinkCode.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
  if (spent.count !== 1) return { outcome: 'invalid', attemptsLeft: Math.max(0, settings.maxFailuresPerChat - failures.length - 1) };
  await tx.facilitatorChat.upsert({
    where: { channel_chatId: { channel: chat.channel, chatId: chat.chatId } },
    create: { channel: chat.channel, chatId: chat.chatId, staffUserId: found.staffUserId, linkedAt: now },
    update: { staffUserId: found.staffUserId, linkedAt: now },
  });
  await writeAudit(tx, { action: 'facilitator.link', channel: chat.channel, chatId: chat.chatId, recipientId: null, staffUserId: found.staffUserId });
  return { outcome: 'linked', staffUserId: found.staffUserId, displayName: found.staffUser.displayName };
}

/**
 * The facilitator a chat is linked to, when that account is still an enabled facilitator: the
 * role comes from this data, never from what the chat types.
 */
export async function linkedFacilitator(tx: Tx, channel: string, chatId: string): Promise<{ staffUserId: number } | null> {
  const link = await tx.facilitatorChat.findUnique({
    where: { channel_chatId: { channel, chatId } },
    select: { staffUserId: true, staffUser: { select: { role: true, disabled: true } } },
  });
  if (!link || link.staffUser.role !== 'facilitator' || link.staffUser.disabled) return null;
  return { staffUserId: link.staffUserId };
}

/**
 * Which of `chats` are linked to an enabled facilitator account, in one statement (the engine
 * asks per batch). Written by hand with the chats as two array parameters: the same text for
 * any batch size, where Prisma built (and compiled) a query of its own for each size of OR.
 */
export async function linkedFacilitatorChats(tx: Tx, chats: readonly { channel: string; chatId: string }[]): Promise<Set<string>> {
  if (chats.length === 0) return new Set();
  const links = await tx.$queryRaw<Array<{ channel: string; chat_id: string }>>`
    SELECT f.channel, f.chat_id
    FROM unnest(${chats.map((chat) => chat.channel)}::text[], ${chats.map((chat) => chat.chatId)}::text[]) AS k(channel, chat_id)
    JOIN facilitator_chat f ON f.channel = k.channel AND f.chat_id = k.chat_id
    JOIN staff_user u ON u.id = f.staff_user_id AND u.role = 'facilitator' AND NOT u.disabled`;
  return new Set(links.map((link) => `${link.channel}:${link.chat_id}`));
}

/** Unlinks a facilitator's chat ("Keluar"), audited. */
export async function unlinkFacilitatorChat(tx: Tx, channel: string, chatId: string): Promise<void> {
  const link = await tx.facilitatorChat.findUnique({ where: { channel_chatId: { channel, chatId } } });
  if (!link) return;
  await tx.facilitatorChat.delete({ where: { channel_chatId: { channel, chatId } } });
  await writeAudit(tx, { action: 'facilitator.unlink', channel, chatId, recipientId: null, staffUserId: link.staffUserId });
}
