/**
 * The channel port: the one shape every messaging channel (Telegram, WhatsApp via Baileys,
 * WhatsApp Cloud API, the console simulator) is translated to and from. Nothing here knows a
 * platform's own types; adapters keep those in their own folders.
 */

export type ChannelName = 'telegram' | 'whatsapp' | 'whatsapp-cloud' | 'console';

/** What a person sent, in one typed shape whatever the platform. */
export type InboundContent =
  | { kind: 'text'; text: string }
  /** A button or list reply; `text` is the label the person saw, when the platform tells it. */
  | { kind: 'choice'; choiceId: string; text?: string }
  /** `mediaRef` points into the media store (see src/media), never at the platform. */
  | { kind: 'image'; mediaRef: string; caption?: string; mimeType?: string }
  | { kind: 'location'; latitude: number; longitude: number; name?: string }
  /** Anything the bot cannot read (stickers, voice notes, ...): answered politely, never dropped silently. */
  | { kind: 'unsupported'; platformType: string };

export interface InboundMessage {
  channel: ChannelName;
  /** The platform's id for the conversation (Telegram chat id, WhatsApp JID/phone). */
  chatId: string;
  /** The platform's id for this message/update: the same id is processed once. */
  externalId: string;
  content: InboundContent;
  /** Sender facts the platform vouches for (WhatsApp gives the phone number). */
  sender?: { phone?: string; displayName?: string };
  receivedAt?: Date;
}

/** A numbered choice. `label` is already translated and carries its number ("1. Cek kelayakan"). */
export interface Choice {
  id: string;
  label: string;
}

/** What the bot sends. Choices become buttons where the channel has them, numbered text otherwise. */
export type OutboundContent =
  | { kind: 'text'; text: string; choices?: Choice[]; template?: OutboundTemplate }
  | { kind: 'image'; mediaRef: string; caption?: string };

/**
 * An approved WhatsApp Cloud template to send instead of the text when the 24-hour window is
 * closed (proactive messages); other channels ignore it.
 */
export interface OutboundTemplate {
  name: string;
  language: string;
  /** Body parameters, in order. */
  params: string[];
}

/** The outcome of one send attempt, classified so the outbox knows what to do next. */
export type SendResult =
  | { status: 'sent'; externalId?: string }
  /** The platform asked us to slow down (Telegram 429 retry_after, Cloud API 130429/131056). */
  | { status: 'rate-limited'; retryAfterMs: number; reason: string }
  /** The person blocked the bot or cannot be messaged: stop sending to this chat. */
  | { status: 'blocked'; reason: string }
  /** Network trouble or a 5xx: try again later with backoff. */
  | { status: 'transient-error'; reason: string }
  /** No answer in time: the platform may or may not have delivered it. Tried again (at-least-once). */
  | { status: 'unknown'; reason: string }
  /** The platform refused this message for good (bad request, outside a window with no template). */
  | { status: 'failed'; reason: string };

/** Delivery news a platform reports after a send (WhatsApp receipts, Cloud API statuses). */
export interface DeliveryUpdate {
  channel: ChannelName;
  externalId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reason?: string;
}

/**
 * Where adapters hand inbound traffic. `receive` resolves only once the message is durably
 * stored, so a webhook may acknowledge the platform right after it.
 */
export interface InboundSink {
  receive(message: InboundMessage): Promise<'stored' | 'duplicate'>;
  deliveryUpdate?(update: DeliveryUpdate): Promise<void>;
  /**
   * The platform says `fromChatId` and `intoChatId` are one person (WhatsApp names a person by
   * LID or by phone number): what is kept under `fromChatId` (the conversation, messages not yet
   * answered, invitation prompts, attempt counts) moves to `intoChatId`, the id the adapter uses
   * from now on. Resolves once it is durable; nothing to move is fine.
   */
  mergeChat?(channel: ChannelName, fromChatId: string, intoChatId: string): Promise<void>;
}

export interface ChannelCapabilities {
  /** Renders `choices` as tappable buttons (otherwise the adapter writes them as numbered text). */
  buttons: boolean;
  /** Longest text one message may carry. */
  maxTextLength: number;
}

/** What the outbox may ask of one send. */
export interface SendOptions {
  /**
   * Called synchronously at the last moment before the message leaves this process (the
   * connection is up, the request's bytes go out in the same turn), once per platform request
   * when a message takes several. Never called when the send fails before that point, so a
   * send whose hook did not run is safe to try again. The outbox journals it for bulk sends
   * (see SentJournal). Must not throw.
   */
  onDispatch?: () => void;
}

/** One messaging channel. `start`/`stop` are optional: webhook-only channels need neither. */
export interface ChannelAdapter {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  send(chatId: string, content: OutboundContent, options?: SendOptions): Promise<SendResult>;
  start?(sink: InboundSink): Promise<void>;
  stop?(): Promise<void>;
}
