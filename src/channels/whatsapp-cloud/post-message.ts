import { z } from 'zod';
import type { JsonAnswer, JsonPost } from '../http/json-poster.js';
import type { CloudMessage } from './cloud-message.js';
import { networkFailure, toSendResult, type SendFailure } from './to-send-result.js';

export interface GraphTarget {
  apiBase: string;
  phoneNumberId: string;
  token: string;
  post: JsonPost;
  /** Meta answers a send within a second or two; a hung connection must not hold a chat's queue. */
  timeoutMs: number;
}

export type PostOutcome = { ok: true; messageId?: string } | { ok: false; failure: SendFailure };

/** `messages[0].id`, the wamid that later statuses name; anything else in the answer is not read. */
const accepted = z.object({ messages: z.tuple([z.object({ id: z.string().min(1) })], z.unknown()) });

/**
 * `POST {apiBase}/{phone-number-id}/messages` for one message. A phone-number chat id goes in
 * `to`; anything else is a business-scoped user id (people who hide their number behind a
 * username), which goes in `recipient`. Never throws: an accepted answer without a readable
 * wamid is still sent (as before), a refusal is classified from its status and body.
 */
export async function postMessage(target: GraphTarget, chatId: string, message: CloudMessage, onDispatch?: () => void): Promise<PostOutcome> {
  const addressee = /^\d+$/.test(chatId) ? { to: chatId } : { recipient: chatId };
  let answer: JsonAnswer;
  try {
    answer = await target.post({
      url: `${target.apiBase}/${target.phoneNumberId}/messages`,
      headers: { authorization: `Bearer ${target.token}` },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...addressee, ...message }),
      timeoutMs: target.timeoutMs,
      ...(onDispatch && { onDispatch }),
    });
  } catch (error) {
    return { ok: false, failure: networkFailure(error) };
  }
  if (answer.status < 200 || answer.status > 299) return { ok: false, failure: toSendResult({ httpStatus: answer.status, body: answer.body }) };
  const read = accepted.safeParse(answer.body);
  return read.success ? { ok: true, messageId: read.data.messages[0].id } : { ok: true };
}

/**
 * Adapts a fetch function (tests inject one) to the poster's shape, with the same timeout. fetch
 * does not tell when the connection is up, so the dispatch hook runs right before the call.
 */
export function postWithFetch(fetchFn: typeof fetch): JsonPost {
  return async (request) => {
    request.onDispatch?.();
    const response = await fetchFn(request.url, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return { status: response.status, statusText: response.statusText, body };
  };
}
