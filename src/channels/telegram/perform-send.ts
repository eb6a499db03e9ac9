import type { JsonPost } from '../http/json-poster.js';
import { botApiAnswer } from './bot-api-answer.js';
import type { TelegramSend } from './render-outbound.js';
import { fromBotApiFailure, toSendResult, type SendFailure } from './to-send-result.js';

/** Where send calls go: `{apiRoot}/bot{token}/{method}`. */
export interface BotApiTarget {
  apiRoot: string;
  token: string;
  post: JsonPost;
  /** A call with no answer after this long is given up: delivery unknown. */
  timeoutMs: number;
}

export type SendOutcome = { ok: true; messageId?: number } | { ok: false; failure: SendFailure };

/**
 * Makes one planned Bot API call over the keep-alive poster (Telegraf's client costs about
 * twice as much CPU per call). Never throws: socket trouble, the timeout (delivery unknown),
 * Telegram's refusals and answers that are not Bot API answers all become a SendFailure.
 */
export async function performSend(target: BotApiTarget, chatId: string, send: TelegramSend, onDispatch?: () => void): Promise<SendOutcome> {
  const payload =
    send.method === 'sendPhoto'
      ? { chat_id: chatId, photo: send.fileId, ...(send.caption !== undefined && { caption: send.caption }) }
      : { chat_id: chatId, text: send.text, ...(send.replyMarkup && { reply_markup: send.replyMarkup }) };
  let answer;
  try {
    answer = await target.post({
      url: `${target.apiRoot.replace(/\/+$/, '')}/bot${target.token}/${send.method}`,
      body: JSON.stringify(payload),
      timeoutMs: target.timeoutMs,
      ...(onDispatch && { onDispatch }),
    });
  } catch (error) {
    return { ok: false, failure: toSendResult(error) };
  }
  // As Telegraf did: a 5xx is Telegram's (or a proxy's) trouble, whatever its body says.
  if (answer.status >= 500) return { ok: false, failure: fromBotApiFailure({ error_code: answer.status, description: answer.statusText || undefined }) };
  const read = botApiAnswer.safeParse(answer.body);
  if (!read.success) return { ok: false, failure: unreadable(answer.status) };
  if (!read.data.ok) return { ok: false, failure: fromBotApiFailure(read.data) };
  const messageId = read.data.result?.message_id;
  return messageId === undefined ? { ok: true } : { ok: true, messageId };
}

/**
 * An answer that is no Bot API answer (a proxy's page, garbage). Refused (4xx): judged by its
 * status as Telegram's own refusal would be. Accepted (2xx/3xx): the message may have gone out.
 */
function unreadable(status: number): SendFailure {
  if (status >= 400) return fromBotApiFailure({ error_code: status, description: 'unreadable answer' });
  return { status: 'unknown', reason: `telegram: unreadable answer (http ${status})` };
}
