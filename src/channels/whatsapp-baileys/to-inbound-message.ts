import { normalizeMessageContent, toNumber, type proto, type WAMessage } from '@whiskeysockets/baileys';
import type { InboundContent, InboundMessage } from '../channel-port.js';
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
 * `chatId` is the JID to answer, in the addressing the message came in (LID or phone number), so
 * replies travel the same way. `sender.phone` is set only where WhatsApp itself names the
 * sender's phone number: the chat's own phone-number JID, or the alt JID of a LID chat.
 */
export function toInboundMessage(message: WAMessage): InboundDraft | undefined {
  const key = message.key;
  const remoteJid = key.remoteJid ?? undefined;
  const id = key.id ?? undefined;
  if (!remoteJid || !id || key.fromMe) return undefined;
  if (isNonPersonalChat(remoteJid) || !isPersonJid(remoteJid)) return undefined;
  const body = normalizeMessageContent(message.message);
  if (!body) return undefined;
  const content = contentOf(body);
  if (!content) return undefined;
  const phone = phoneDigitsOf(remoteJid) ?? phoneDigitsOf(key.remoteJidAlt) ?? phoneDigitsOf(legacySenderPn(key));
  const seconds = toNumber(message.messageTimestamp);
  return {
    channel: 'whatsapp',
    chatId: normalisedJid(remoteJid),
    externalId: id,
    content,
    ...(phone !== undefined && { sender: { phone } }),
    ...(seconds > 0 && { receivedAt: new Date(seconds * 1000) }),
  };
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
  if (location && typeof location.degreesLatitude === 'number' && typeof location.degreesLongitude === 'number') {
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
  if (button?.selectedButtonId) return choice(button.selectedButtonId, button.selectedDisplayText);
  const list = body.listResponseMessage;
  if (list?.singleSelectReply?.selectedRowId) return choice(list.singleSelectReply.selectedRowId, list.title);
  const template = body.templateButtonReplyMessage;
  if (template?.selectedId) return choice(template.selectedId, template.selectedDisplayText);
  const interactive = body.interactiveResponseMessage;
  const id = nativeFlowId(interactive?.nativeFlowResponseMessage?.paramsJson);
  if (id) return choice(id, interactive?.body?.text);
  return undefined;
}

function choice(choiceId: string, text: string | null | undefined): InboundContent {
  return { kind: 'choice', choiceId, ...(typeof text === 'string' && text !== '' && { text }) };
}

/** Native-flow replies carry their id inside a JSON string: `{"id":"menu.status", ...}`. */
function nativeFlowId(paramsJson: string | null | undefined): string | undefined {
  if (!paramsJson) return undefined;
  try {
    const params: unknown = JSON.parse(paramsJson);
    if (typeof params === 'object' && params !== null && 'id' in params && typeof params.id === 'string' && params.id !== '') return params.id;
  } catch {
    // Not JSON: not a reply we can read.
  }
  return undefined;
}

/** Some Baileys 7 release candidates named the phone-number JID of a LID sender `senderPn`. */
function legacySenderPn(key: WAMessage['key']): string | undefined {
  return 'senderPn' in key && typeof key.senderPn === 'string' ? key.senderPn : undefined;
}

function isSet(body: proto.IMessage, field: string): boolean {
  const value: unknown = (body as Record<string, unknown>)[field];
  return value !== null && value !== undefined;
}
