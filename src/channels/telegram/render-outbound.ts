import type { ReplyKeyboardMarkup } from 'telegraf/types';
import type { Choice, OutboundContent } from '../channel-port.js';
import { telegramFileIdOf } from './media-ref.js';
import { splitText } from '../split-text.js';

/** Bot API limits: a message's text, and a photo's caption. */
export const TELEGRAM_MAX_TEXT = 4096;
export const TELEGRAM_MAX_CAPTION = 1024;

/** One Bot API call that together with its siblings delivers an outbound message. */
export type TelegramSend =
  | { method: 'sendMessage'; text: string; replyMarkup?: ReplyKeyboardMarkup }
  | { method: 'sendPhoto'; fileId: string; caption?: string };

export type RenderedOutbound = { ok: true; sends: TelegramSend[] } | { ok: false; reason: string };

/**
 * Plans the Bot API calls for one outbound message. Choices become a reply keyboard whose
 * buttons send their label back as text (the label carries its number, so "1. Cek kelayakan"
 * reaches the flow like a typed "1"). Long text becomes several messages; the keyboard rides on
 * the last so it sits under the question.
 */
export function renderOutbound(content: OutboundContent): RenderedOutbound {
  if (content.kind === 'text') {
    // Telegram refuses blank messages; say so here instead of after a round trip.
    if (content.text.trim() === '') return { ok: false, reason: 'empty text' };
    return { ok: true, sends: textSends(content.text, content.choices) };
  }
  const fileId = telegramFileIdOf(content.mediaRef);
  if (fileId === undefined) return { ok: false, reason: 'media reference not resolvable on telegram' };
  const caption = content.caption;
  if (caption === undefined || caption.length <= TELEGRAM_MAX_CAPTION) {
    return { ok: true, sends: [{ method: 'sendPhoto', fileId, ...(caption !== undefined && { caption }) }] };
  }
  // A caption too long for Telegram follows the photo as ordinary text.
  return { ok: true, sends: [{ method: 'sendPhoto', fileId }, ...textSends(caption, undefined)] };
}

function textSends(text: string, choices: Choice[] | undefined): TelegramSend[] {
  const pieces = splitText(text, TELEGRAM_MAX_TEXT);
  const keyboard = choices?.length ? replyKeyboard(choices) : undefined;
  return pieces.map((piece, index) => ({
    method: 'sendMessage',
    text: piece,
    ...(keyboard && index === pieces.length - 1 && { replyMarkup: keyboard }),
  }));
}

function replyKeyboard(choices: Choice[]): ReplyKeyboardMarkup {
  return {
    keyboard: choices.map((choice) => [{ text: choice.label }]),
    resize_keyboard: true,
    one_time_keyboard: true,
  };
}
