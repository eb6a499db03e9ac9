import type { z } from 'zod';
import { cleanInbound } from '../clean-text.js';
import type { InboundContent, InboundMessage } from '../channel-port.js';
import { toTelegramMediaRef } from './media-ref.js';
import { telegramCallbackQuery, telegramMessage, type TelegramCallbackQuery, type TelegramMessage } from './update-schema.js';

/** The update types `toInboundMessage` reads; webhook and polling ask Telegram for only these. */
export const readableUpdateTypes = ['message', 'callback_query'] as const;

/** Message fields that name what an unreadable message carried, most specific first. */
const CONTENT_FIELDS = [
  'animation', 'audio', 'document', 'sticker', 'video', 'video_note', 'voice', 'contact', 'dice',
  'game', 'poll', 'story', 'invoice', 'users_shared', 'chat_shared', 'web_app_data',
] as const;

/**
 * What one update amounts to. `ignored`: not a person writing to the bot (groups, channels,
 * edits, membership news, buttons without a chat). `unreadable`: a field the adapter reads has
 * the wrong type; `field` names it (a schema path, never a value). `callbackQueryId` is set for
 * a well-formed button press, which must be answered whatever it amounts to.
 */
export type ReadUpdate =
  | { kind: 'message'; message: InboundMessage; callbackQueryId?: string }
  | { kind: 'ignored'; callbackQueryId?: string }
  | { kind: 'unreadable'; field: string };

/** Translates one Bot API update (its update_id already checked) into the channel port's shape. */
export function toInboundMessage(update: { update_id: number }): ReadUpdate {
  if ('message' in update) {
    const parsed = telegramMessage.safeParse(update.message);
    if (!parsed.success) return unreadable('message', parsed.error);
    return fromMessage(update.update_id, parsed.data);
  }
  if ('callback_query' in update) {
    const parsed = telegramCallbackQuery.safeParse(update.callback_query);
    if (!parsed.success) return unreadable('callback_query', parsed.error);
    return fromCallbackQuery(update.update_id, parsed.data);
  }
  return { kind: 'ignored' };
}

function fromMessage(updateId: number, message: TelegramMessage): ReadUpdate {
  if (message.chat.type !== 'private') return { kind: 'ignored' };
  const receivedAt = message.date === undefined ? undefined : new Date(message.date * 1000);
  return {
    kind: 'message',
    message: cleanInbound<InboundMessage>({
      channel: 'telegram',
      chatId: String(message.chat.id),
      externalId: String(updateId),
      content: contentOf(message),
      ...(receivedAt && { receivedAt }),
    }),
  };
}

function contentOf(message: TelegramMessage): InboundContent {
  // `/start` and other commands stay plain text: the flows decide what they mean.
  if (message.text !== undefined) return { kind: 'text', text: message.text };
  // Telegram lists the sizes smallest first; the last is the original resolution.
  const largest = message.photo?.at(-1);
  if (largest) {
    return { kind: 'image', mediaRef: toTelegramMediaRef(largest.file_id), ...(message.caption !== undefined && { caption: message.caption }) };
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    return { kind: 'location', latitude, longitude, ...(message.venue && { name: message.venue.title }) };
  }
  return { kind: 'unsupported', platformType: CONTENT_FIELDS.find((field) => field in message) ?? 'other' };
}

function fromCallbackQuery(updateId: number, query: TelegramCallbackQuery): ReadUpdate {
  const callbackQueryId = query.id;
  // Buttons on inline-mode messages carry no chat: nobody to answer in a conversation.
  const chat = query.message?.chat;
  if (!chat || chat.type !== 'private') return { kind: 'ignored', callbackQueryId };
  const content: InboundContent =
    query.data !== undefined
      ? { kind: 'choice', choiceId: query.data, ...labelOf(query, query.data) }
      : { kind: 'unsupported', platformType: 'callback_game' };
  const message = cleanInbound<InboundMessage>({ channel: 'telegram', chatId: String(chat.id), externalId: String(updateId), content });
  return { kind: 'message', message, callbackQueryId };
}

/** The tapped button's label, read from the message that carried the inline keyboard. */
function labelOf(query: TelegramCallbackQuery, data: string): { text?: string } {
  const button = query.message?.reply_markup?.inline_keyboard.flat().find((candidate) => candidate.callback_data === data);
  return button ? { text: button.text } : {};
}

function unreadable(root: string, error: z.ZodError): ReadUpdate {
  const path = error.issues[0]?.path ?? [];
  return { kind: 'unreadable', field: [root, ...path.map((part) => (typeof part === 'number' ? '#' : String(part)))].join('.') };
}
