import type { CallbackQuery, Chat, Message, Update } from 'telegraf/types';
import type { InboundContent, InboundMessage } from '../channel-port.js';
import { toTelegramMediaRef } from './media-ref.js';

/** The update types `toInboundMessage` reads; webhook and polling ask Telegram for only these. */
export const readableUpdateTypes = ['message', 'callback_query'] as const;

/** Message fields that name what an unreadable message carried, most specific first. */
const CONTENT_FIELDS = [
  'animation', 'audio', 'document', 'sticker', 'video', 'video_note', 'voice', 'contact', 'dice',
  'game', 'poll', 'story', 'invoice', 'users_shared', 'chat_shared', 'web_app_data',
] as const;

/**
 * Translates one Bot API update into the channel port's shape. Returns undefined for what is
 * not a person writing to the bot: group, supergroup and channel traffic, updates without a
 * chat, edits and membership news.
 */
export function toInboundMessage(update: Update): InboundMessage | undefined {
  if ('message' in update) return fromMessage(update.update_id, update.message);
  if ('callback_query' in update) return fromCallbackQuery(update.update_id, update.callback_query);
  return undefined;
}

function fromMessage(updateId: number, message: Message): InboundMessage | undefined {
  if (!isPrivate(message.chat)) return undefined;
  return {
    channel: 'telegram',
    chatId: String(message.chat.id),
    externalId: String(updateId),
    content: contentOf(message),
    receivedAt: new Date(message.date * 1000),
  };
}

function contentOf(message: Message): InboundContent {
  // `/start` and other commands stay plain text: the flows decide what they mean.
  if ('text' in message) return { kind: 'text', text: message.text };
  if ('photo' in message) {
    // Telegram lists the sizes smallest first; the last is the original resolution.
    const largest = message.photo.at(-1);
    if (largest) {
      return {
        kind: 'image',
        mediaRef: toTelegramMediaRef(largest.file_id),
        ...(message.caption !== undefined && { caption: message.caption }),
      };
    }
  }
  if ('location' in message) {
    return {
      kind: 'location',
      latitude: message.location.latitude,
      longitude: message.location.longitude,
      ...('venue' in message && { name: message.venue.title }),
    };
  }
  return { kind: 'unsupported', platformType: CONTENT_FIELDS.find((field) => field in message) ?? 'other' };
}

function fromCallbackQuery(updateId: number, query: CallbackQuery): InboundMessage | undefined {
  // Buttons on inline-mode messages carry no chat: nobody to answer in a conversation.
  const chat = query.message?.chat;
  if (!chat || !isPrivate(chat)) return undefined;
  const content: InboundContent =
    'data' in query
      ? { kind: 'choice', choiceId: query.data, ...labelOf(query, query.data) }
      : { kind: 'unsupported', platformType: 'callback_game' };
  return { channel: 'telegram', chatId: String(chat.id), externalId: String(updateId), content };
}

/** The tapped button's label, read from the message that carried the inline keyboard. */
function labelOf(query: CallbackQuery, data: string): { text?: string } {
  const message = query.message;
  if (!message || !('reply_markup' in message) || !message.reply_markup) return {};
  const button = message.reply_markup.inline_keyboard
    .flat()
    .find((candidate) => 'callback_data' in candidate && candidate.callback_data === data);
  return button ? { text: button.text } : {};
}

function isPrivate(chat: Chat): boolean {
  return chat.type === 'private';
}
