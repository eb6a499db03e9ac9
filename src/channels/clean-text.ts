import type { DeliveryUpdate, InboundContent, InboundMessage } from './channel-port.js';

/**
 * Platform text made safe to store. PostgreSQL refuses U+0000 anywhere and, in jsonb, an
 * unpaired UTF-16 surrogate (JSON.stringify writes them as `\u0000` and `\ud800`), so one such
 * character would make a message unstorable and the platform would deliver it again forever.
 * NUL is dropped (nobody types it); a lone surrogate becomes U+FFFD, as a UTF-8 decoder would.
 * Every channel adapter passes what it read through here before handing it on.
 */

/** No platform sends a longer message or caption (Telegram and WhatsApp stop at 4,096). */
export const MAX_TEXT_LENGTH = 4_096;
/** Ids, labels, names and types: far longer than any real one. */
export const MAX_LABEL_LENGTH = 256;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` without NUL, with lone surrogates replaced by U+FFFD, cut to `maxLength` characters. */
export function cleanText(text: string, maxLength = MAX_TEXT_LENGTH): string {
  let cleaned = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  if (cleaned.length > maxLength) {
    // Never cut a surrogate pair in half.
    const end = /[\ud800-\udbff]/.test(cleaned.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    cleaned = cleaned.slice(0, end);
  }
  return cleaned.replace(LONE_SURROGATE, '\ufffd');
}

/** True for a usable platform id: 1–256 characters, no control characters, no lone surrogates. */
export function isPlatformId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_LABEL_LENGTH &&
    !/[\u0000-\u001f\u007f]/.test(value) &&
    !new RegExp(LONE_SURROGATE.source).test(value)
  );
}

/** Content fields that may be long: message text, captions, and media references (never cut short). */
const LONG_FIELDS = new Set(['text', 'caption', 'mediaRef']);

/** Anything with content and an optional sender (a Baileys draft still carries `image-to-fetch`). */
interface Cleanable {
  content: InboundContent | { kind: string };
  sender?: InboundMessage['sender'];
}

/** The message with every string in its content and sender cleaned and bounded (see LONG_FIELDS). */
export function cleanInbound<T extends Cleanable>(message: T): T {
  const content = Object.fromEntries(
    Object.entries(message.content).map(([key, value]) => [
      key,
      typeof value === 'string' ? cleanText(value, LONG_FIELDS.has(key) ? MAX_TEXT_LENGTH : MAX_LABEL_LENGTH) : value,
    ]),
  ) as T['content'];
  const sender = message.sender && {
    ...(message.sender.phone !== undefined && { phone: cleanText(message.sender.phone, MAX_LABEL_LENGTH) }),
    ...(message.sender.displayName !== undefined && { displayName: cleanText(message.sender.displayName, MAX_LABEL_LENGTH) }),
  };
  return { ...message, content, ...(sender && { sender }) };
}

/** Delivery news with a storable reason; undefined when its id is not a usable platform id. */
export function cleanDeliveryUpdate(update: DeliveryUpdate): DeliveryUpdate | undefined {
  if (!isPlatformId(update.externalId)) return undefined;
  return update.reason === undefined ? update : { ...update, reason: cleanText(update.reason, MAX_LABEL_LENGTH) };
}
