import { normalizeMessageContent, toNumber, type proto, type WAMessage } from '@whiskeysockets/baileys';
import type { InboundContent, InboundMessage } from '../channel-port.js';
import { cleanInbound, isPlatformId } from '../clean-text.js';
import { isNonPersonalChat, isPersonJid, normalisedJid, phoneDigitsOf } from './read-jids.js';

/** An image still on WhatsApp's servers: the channel downloads it into the media store. */
export interface ImageToFetch {
  kind: 'image-to-fetch';
  caption?: string;
  mimeType?: string;
}

/** An inbound message as read from Baileys; only an image's `mediaRef` is still to be filled in. */
export interface InboundDraft extends Omit<InboundMessage, 'content'> {
  content: InboundContent | ImageToFetch;
}

/** Content that is housekeeping, not something a person said: never answered. */
const HOUSEKEEPING = [
  'protocolMessage', 'reactionMessage', 'encReactionMessage', 'pollUpdateMessage', 'keepInChatMessage',
  'pinInChatMessage', 'senderKeyDistributionMessage', 'messageContextInfo', 'deviceSentMessage',
  'encEventResponseMessage', 'secretEncryptedMessage',
] as const;

/**
 * Translates one message of a `messages.upsert` of type 'notify' into the channel port's shape.
 * Returns undefined for what is not a person writing to the bot: groups, status updates,
 * broadcast lists, newsletters, the bot's own messages, and housekeeping (receipts of reactions,
 * edits, deletions, decryption placeholders without content).
 *
 * `chatId` is the chat's JID as the message names it (LID or phone number); the listener then
 * makes it the person's one chat id (person-ids.ts), with `altJidOf`. `sender.phone` is set only
 * where WhatsApp itself names the sender's phone number: the chat's own phone-number JID, or the
 * alt JID of a LID chat.
 *
 * Every field read has its type checked (the decoder is not the only source of messages), and
 * the text is cleaned before it leaves: protobuf strings may hold NUL.
 */
export function toInboundMessage(message: WAMessage): InboundDraft | undefined {
  const key: unknown = message?.key;
  if (typeof key !== 'object' || key === null) return undefined;
  const { remoteJid, id, fromMe } = key as WAMessage['key'];
  if (typeof remoteJid !== 'string' || !isPlatformId(id) || fromMe === true) return undefined;
  if (isNonPersonalChat(remoteJid) || !isPersonJid(remoteJid)) return undefined;
  const body = normalizeMessageContent(message.message);
  if (typeof body !== 'object' || body === null) return undefined;
  const content = contentOf(body);
  if (!content) return undefined;
  const phone = phoneDigitsOf(remoteJid) ?? phoneDigitsOf(altJidOf(message));
  const seconds = secondsOf(message.messageTimestamp);
  return cleanInbound<InboundDraft>({
    channel: 'whatsapp',
    chatId: normalisedJid(remoteJid),
    externalId: id,
    content,
    ...(phone !== undefined && { sender: { phone } }),
    ...(seconds !== undefined && { receivedAt: new Date(seconds * 1000) }),
  });
}

function contentOf(body: proto.IMessage): InboundContent | ImageToFetch | undefined {
  if (typeof body.conversation === 'string') return { kind: 'text', text: body.conversation };
  if (typeof body.extendedTextMessage?.text === 'string') return { kind: 'text', text: body.extendedTextMessage.text };
  const choice = choiceOf(body);
  if (choice) return choice;
  if (body.imageMessage) {
    const image = body.imageMessage;
    return {
      kind: 'image-to-fetch',
      ...(typeof image.caption === 'string' && image.caption !== '' && { caption: image.caption }),
      ...(typeof image.mimetype === 'string' && { mimeType: image.mimetype }),
    };
  }
  const location = body.locationMessage ?? body.liveLocationMessage;
  if (location && isCoordinate(location.degreesLatitude, 90) && isCoordinate(location.degreesLongitude, 180)) {
    const name = body.locationMessage?.name;
    return {
      kind: 'location',
      latitude: location.degreesLatitude,
      longitude: location.degreesLongitude,
      ...(typeof name === 'string' && name !== '' && { name }),
    };
  }
  const fields = Object.keys(body).filter((field) => isSet(body, field));
  if (fields.length === 0 || fields.every((field) => (HOUSEKEEPING as readonly string[]).includes(field))) return undefined;
  const platformType = fields.find((field) => field.endsWith('Message') && !(HOUSEKEEPING as readonly string[]).includes(field));
  return { kind: 'unsupported', platformType: platformType ?? 'other' };
}

/** Replies to buttons, lists, templates and native-flow messages (sent by other tools or older clients). */
function choiceOf(body: proto.IMessage): InboundContent | undefined {
  const button = body.buttonsResponseMessage;
  const list = body.listResponseMessage;
  const template = body.templateButtonReplyMessage;
  const interactive = body.interactiveResponseMessage;
  return (
    choice(button?.selectedButtonId, button?.selectedDisplayText) ??
    choice(list?.singleSelectReply?.selectedRowId, list?.title) ??
    choice(template?.selectedId, template?.selectedDisplayText) ??
    choice(nativeFlowId(interactive?.nativeFlowResponseMessage?.paramsJson), interactive?.body?.text)
  );
}

/** A choice when `choiceId` is a non-empty string; the label only when it is one too. */
function choice(choiceId: unknown, text: unknown): InboundContent | undefined {
  if (typeof choiceId !== 'string' || choiceId === '') return undefined;
  return { kind: 'choice', choiceId, ...(typeof text === 'string' && text !== '' && { text }) };
}

/** Native-flow replies carry their id inside a JSON string: `{"id":"menu.status", ...}`. */
function nativeFlowId(paramsJson: unknown): string | undefined {
  if (typeof paramsJson !== 'string' || paramsJson === '' || paramsJson.length > 4_096) return undefined;
  try {
    const params: unknown = JSON.parse(paramsJson);
    if (typeof params === 'object' && params !== null && 'id' in params && typeof params.id === 'string' && params.id !== '') return params.id;
  } catch {
    // Not JSON: not a reply we can read.
  }
  return undefined;
}

/** The other addressing of a one-to-one chat's person, when WhatsApp named it (`remoteJidAlt`). */
export function altJidOf(message: WAMessage): string | undefined {
  const key: unknown = message?.key;
  if (typeof key !== 'object' || key === null) return undefined;
  const alt = stringOrUndefined((key as WAMessage['key']).remoteJidAlt) ?? legacySenderPn(key as WAMessage['key']);
  return alt !== undefined && isPersonJid(alt) ? normalisedJid(alt) : undefined;
}

/** Some Baileys 7 release candidates named the phone-number JID of a LID sender `senderPn`. */
function legacySenderPn(key: WAMessage['key']): string | undefined {
  return 'senderPn' in key && typeof key.senderPn === 'string' ? key.senderPn : undefined;
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

/** Unix seconds from a number or protobuf Long, when plausible. */
function secondsOf(timestamp: unknown): number | undefined {
  if (timestamp === null || timestamp === undefined) return undefined;
  const seconds = typeof timestamp === 'number' || typeof timestamp === 'object' ? toNumber(timestamp as number) : NaN;
  return Number.isSafeInteger(seconds) && seconds > 0 && seconds < 2 ** 32 ? seconds : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isSet(body: proto.IMessage, field: string): boolean {
  const value: unknown = (body as Record<string, unknown>)[field];
  return value !== null && value !== undefined;
}
