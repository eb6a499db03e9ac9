import type { Telegram } from 'telegraf';
import type { TelegramSend } from './render-outbound.js';

/** Makes one planned Bot API call; resolves with the message Telegram created. */
export function performSend(telegram: Telegram, chatId: string, send: TelegramSend): Promise<{ message_id: number }> {
  if (send.method === 'sendPhoto') {
    return telegram.sendPhoto(chatId, send.fileId, send.caption !== undefined ? { caption: send.caption } : {});
  }
  return telegram.sendMessage(chatId, send.text, send.replyMarkup ? { reply_markup: send.replyMarkup } : {});
}
