import { randomBytes } from 'node:crypto';
import { proto, type WAMessage } from '@whiskeysockets/baileys';

/**
 * Messages as Baileys 7 hands them to `messages.upsert`: the key as its `decodeMessageNode`
 * builds it (with `remoteJidAlt` and `addressingMode`), and the content as `proto.Message`
 * decoded from protobuf bytes, exactly as a decrypted message is.
 */

/** The demo recipient's phone (0812-0000-0001) as a phone-number JID. */
export const SITI_PN_JID = '6281200000001@s.whatsapp.net';
/** The same person addressed by LID, WhatsApp's number-hiding id. */
export const SITI_LID_JID = '190283746550123@lid';
/** Someone whose number is not the one registered for any demo NIK. */
export const OTHER_PN_JID = '6281399998888@s.whatsapp.net';

let counter = 0;

/** A message id in WhatsApp's format (upper-case hex, 3EB0 prefix for web clients). */
export function messageId(): string {
  counter += 1;
  return `3EB0${randomBytes(8).toString('hex').toUpperCase()}${counter.toString(16).toUpperCase()}`;
}

export interface InboundOptions {
  /** The chat's JID (`remoteJid`). */
  from: string;
  /** The other addressing of the sender (`remoteJidAlt`): the PN JID of a LID chat, or the LID of a PN chat. */
  alt?: string;
  /** Set for group chats: who wrote. */
  participant?: string;
  fromMe?: boolean;
  id?: string;
  timestamp?: number;
}

/** A received message carrying `content` (a `proto.IMessage` literal). */
export function inbound(content: proto.IMessage, options: InboundOptions): WAMessage {
  const addressingMode = (options.participant ?? options.from).endsWith('@lid') ? 'lid' : 'pn';
  const group = options.from.endsWith('@g.us');
  return {
    key: {
      remoteJid: options.from,
      remoteJidAlt: group ? undefined : options.alt,
      fromMe: options.fromMe ?? false,
      id: options.id ?? messageId(),
      participant: options.participant,
      participantAlt: group ? options.alt : undefined,
      addressingMode,
    },
    category: undefined,
    messageTimestamp: options.timestamp ?? 1_732_150_000,
    pushName: 'Siti',
    broadcast: options.from.endsWith('@broadcast'),
    // Through the wire format and back: the same object Baileys builds after decrypting.
    message: proto.Message.decode(proto.Message.encode(proto.Message.fromObject(content)).finish()),
  };
}

export const text = (body: string): proto.IMessage => ({ conversation: body });

export const extendedText = (body: string): proto.IMessage => ({
  extendedTextMessage: { text: body, contextInfo: { expiration: 0 } },
  messageContextInfo: { deviceListMetadataVersion: 2 },
});

export const buttonReply = (id: string, label: string): proto.IMessage => ({
  buttonsResponseMessage: { selectedButtonId: id, selectedDisplayText: label, type: proto.Message.ButtonsResponseMessage.Type.DISPLAY_TEXT },
});

export const listReply = (rowId: string, title: string): proto.IMessage => ({
  listResponseMessage: { title, listType: proto.Message.ListResponseMessage.ListType.SINGLE_SELECT, singleSelectReply: { selectedRowId: rowId } },
});

export const templateReply = (id: string, label: string): proto.IMessage => ({
  templateButtonReplyMessage: { selectedId: id, selectedDisplayText: label, selectedIndex: 0 },
});

export const nativeFlowReply = (id: string, label: string): proto.IMessage => ({
  interactiveResponseMessage: {
    body: { text: label, format: proto.Message.InteractiveResponseMessage.Body.Format.DEFAULT },
    nativeFlowResponseMessage: { name: 'quick_reply', paramsJson: JSON.stringify({ id }), version: 1 },
  },
});

export const location = (latitude: number, longitude: number, name?: string): proto.IMessage => ({
  locationMessage: { degreesLatitude: latitude, degreesLongitude: longitude, ...(name !== undefined && { name, address: 'Kota Serang' }) },
});

export const liveLocation = (latitude: number, longitude: number): proto.IMessage => ({
  liveLocationMessage: { degreesLatitude: latitude, degreesLongitude: longitude, sequenceNumber: 1 },
});

/** An image message as WhatsApp sends it: where the encrypted file is, and the key to open it. */
export function image(media: { url: string; directPath?: string; mediaKey: Uint8Array; fileSha256: Uint8Array; fileEncSha256: Uint8Array; fileLength: number }, caption?: string): proto.IMessage {
  return {
    imageMessage: {
      url: media.url,
      ...(media.directPath !== undefined && { directPath: media.directPath }),
      mimetype: 'image/jpeg',
      mediaKey: media.mediaKey,
      fileSha256: media.fileSha256,
      fileEncSha256: media.fileEncSha256,
      fileLength: media.fileLength,
      height: 960,
      width: 1280,
      ...(caption !== undefined && { caption }),
    },
  };
}

export const sticker = (): proto.IMessage => ({
  stickerMessage: { url: 'https://mmg.whatsapp.net/v/t62.15575-24/sticker.enc', mimetype: 'image/webp', isAnimated: false },
});

export const voiceNote = (): proto.IMessage => ({
  audioMessage: { url: 'https://mmg.whatsapp.net/v/t62.7117-24/voice.enc', mimetype: 'audio/ogg; codecs=opus', ptt: true, seconds: 4 },
});

/** Disappearing-mode wrapper: the real content one level down. */
export const ephemeral = (content: proto.IMessage): proto.IMessage => ({ ephemeralMessage: { message: content } });

export const reaction = (targetId: string): proto.IMessage => ({
  reactionMessage: { key: { remoteJid: SITI_PN_JID, fromMe: true, id: targetId }, text: '👍', senderTimestampMs: 1_732_150_000_000 },
});

/** "This message was deleted": a protocol message, not something to answer. */
export const revoke = (targetId: string): proto.IMessage => ({
  protocolMessage: { key: { remoteJid: SITI_PN_JID, fromMe: false, id: targetId }, type: proto.Message.ProtocolMessage.Type.REVOKE },
});
