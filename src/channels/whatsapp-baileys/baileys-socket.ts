import type {
  AuthenticationCreds,
  AuthenticationState,
  ConnectionState,
  LIDMapping,
  MessageUpsertType,
  MessageUserReceiptUpdate,
  WAMessage,
  WAMessageUpdate,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';

/**
 * The part of a Baileys socket this channel uses, in narrow types: the library's own socket type
 * is a very wide object whose content parameter accepts dozens of shapes. Tests hand in a
 * stand-in of exactly this shape.
 */

/** The events listened to, with the payloads Baileys 7 emits. */
export interface BaileysEvents {
  'connection.update': Partial<ConnectionState>;
  'creds.update': Partial<AuthenticationCreds>;
  'messages.upsert': { messages: WAMessage[]; type: MessageUpsertType; requestId?: string };
  'messages.update': WAMessageUpdate[];
  'message-receipt.update': MessageUserReceiptUpdate[];
  /** WhatsApp named a person's LID and phone-number JID together. */
  'lid-mapping.update': LIDMapping;
}

export interface BaileysEventSource {
  on<E extends keyof BaileysEvents>(event: E, listener: (payload: BaileysEvents[E]) => void): void;
  off<E extends keyof BaileysEvents>(event: E, listener: (payload: BaileysEvents[E]) => void): void;
}

/** What the channel sends: plain text, or an image with an optional caption. */
export type OutgoingContent = { text: string } | { image: Buffer; caption?: string; mimetype?: string };

export interface BaileysSocket {
  ev: BaileysEventSource;
  /** Resolves with the message as sent; its `key.id` is what receipts name later. */
  sendMessage(jid: string, content: OutgoingContent): Promise<WAMessage | undefined>;
  /** Asks WhatsApp for an 8-character code to type on the phone (`phone`: digits, 62…). */
  requestPairingCode(phone: string): Promise<string>;
  /** Asks the sender's phone to upload expired media again (used by media downloads). */
  updateMediaMessage(message: WAMessage): Promise<WAMessage>;
  end(error: Error | undefined): void | Promise<void>;
}

/** The socket options this channel sets; everything else stays at Baileys' defaults. */
export interface BaileysSocketOptions {
  auth: AuthenticationState;
  /** Baileys' own logger (its records carry JIDs: silent unless debugging). */
  logger: Logger;
  /** False: the operator's phone keeps getting notifications while the bot is connected. */
  markOnlineOnConnect: boolean;
}

/** `makeWASocket` in production; a stand-in in tests. */
export type MakeSocket = (options: BaileysSocketOptions) => BaileysSocket;
