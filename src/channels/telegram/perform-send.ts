import type { Telegram } from 'telegraf';
import type { TelegramSend } from './render-outbound.js';

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

/**
 * Makes one planned Bot API call; resolves with the message Telegram created. Gives up after
 * `timeoutMs` (Telegraf's own limit is 500 s): the call then rejects with an AbortError, and
 * whether Telegram delivered the message is unknown.
 */
export function performSend(telegram: Telegram, chatId: string, send: TelegramSend, timeoutMs: number): Promise<{ message_id: number }> {
  // Telegraf's typings name the `abort-controller` polyfill; node-fetch accepts Node's own signal.
  const options = { signal: AbortSignal.timeout(timeoutMs) } as unknown as CallApiOptions;
  if (send.method === 'sendPhoto') {
    return telegram.callApi('sendPhoto', { chat_id: chatId, photo: send.fileId, ...(send.caption !== undefined && { caption: send.caption }) }, options);
  }
  return telegram.callApi('sendMessage', { chat_id: chatId, text: send.text, ...(send.replyMarkup && { reply_markup: send.replyMarkup }) }, options);
}
