import { isJidBroadcast, isJidGroup, isJidNewsletter, isJidStatusBroadcast, isLidUser, isPnUser, jidDecode, jidNormalizedUser } from '@whiskeysockets/baileys';

/**
 * JID rules in one place. Baileys 7 addresses a person either by phone number
 * (`628…@s.whatsapp.net`) or by LID (`…@lid`, an opaque id WhatsApp uses to hide numbers); a
 * message may carry the other form as an "alt" JID.
 */

/** A one-to-one chat with a person (either addressing), as opposed to groups, broadcasts, channels. */
export function isPersonJid(jid: string): boolean {
  return isPnUser(jid) === true || isLidUser(jid) === true;
}

/** Groups, status updates, broadcast lists and newsletters: nobody to hold a private conversation with. */
export function isNonPersonalChat(jid: string): boolean {
  return isJidGroup(jid) === true || isJidStatusBroadcast(jid) || isJidBroadcast(jid) === true || isJidNewsletter(jid) === true;
}

/** The JID without device or agent parts (`628…:12@s.whatsapp.net` → `628…@s.whatsapp.net`). */
export function normalisedJid(jid: string): string {
  return jidNormalizedUser(jid);
}

/** The phone number's digits when `jid` is a phone-number JID, else undefined. */
export function phoneDigitsOf(jid: string | null | undefined): string | undefined {
  if (!jid || isPnUser(jid) !== true) return undefined;
  const user = jidDecode(jid)?.user;
  return user && /^[0-9]{6,15}$/.test(user) ? user : undefined;
}

/** A phone-number JID of a person (`628…@s.whatsapp.net`, with or without a device part). */
export function isPnJid(jid: string): boolean {
  return isPnUser(jid) === true;
}

/** A LID of a person (`…@lid`). */
export function isLidJid(jid: string): boolean {
  return isLidUser(jid) === true;
}

/** The user part of a person's JID (digits), without device or agent; undefined for anything else. */
export function jidUser(jid: string): string | undefined {
  if (!isPersonJid(jid)) return undefined;
  const user = jidDecode(jid)?.user;
  return user && /^[0-9]{1,20}$/.test(user) ? user : undefined;
}

export const pnJidOf = (user: string): string => `${user}@s.whatsapp.net`;
export const lidJidOf = (user: string): string => `${user}@lid`;

/**
 * The LID and the phone-number JID of one person, when a message names both: a LID chat whose
 * alt is a phone-number JID, or the other way round. Normalised (no device part).
 */
export function lidPnPair(chat: string, alt: string | undefined): { lid: string; pn: string } | undefined {
  if (alt === undefined || jidUser(chat) === undefined || jidUser(alt) === undefined) return undefined;
  if (isLidJid(chat) && isPnJid(alt)) return { lid: lidJidOf(jidUser(chat)!), pn: pnJidOf(jidUser(alt)!) };
  if (isPnJid(chat) && isLidJid(alt)) return { lid: lidJidOf(jidUser(alt)!), pn: pnJidOf(jidUser(chat)!) };
  return undefined;
}
