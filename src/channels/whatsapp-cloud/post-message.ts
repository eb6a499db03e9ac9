import type { CloudMessage } from './cloud-message.js';
import { networkFailure, toSendResult, type SendFailure } from './to-send-result.js';

export interface GraphTarget {
  apiBase: string;
  phoneNumberId: string;
  token: string;
  fetch: typeof fetch;
  /** Meta answers a send within a second or two; a hung connection must not hold a chat's queue. */
  timeoutMs: number;
}

export type PostOutcome = { ok: true; messageId?: string } | { ok: false; failure: SendFailure };

/**
 * `POST {apiBase}/{phone-number-id}/messages` for one message. A phone-number chat id goes in
 * `to`; anything else is a business-scoped user id (people who hide their number behind a
 * username), which goes in `recipient`.
 */
export async function postMessage(target: GraphTarget, chatId: string, message: CloudMessage): Promise<PostOutcome> {
  const addressee = /^\d+$/.test(chatId) ? { to: chatId } : { recipient: chatId };
  let response: Response;
  try {
    response = await target.fetch(`${target.apiBase}/${target.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...addressee, ...message }),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    return { ok: false, failure: networkFailure(error) };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) return { ok: false, failure: toSendResult({ httpStatus: response.status, body }) };
  const messageId = messageIdOf(body);
  return messageId === undefined ? { ok: true } : { ok: true, messageId };
}

/** `messages[0].id`, the wamid that later statuses name. */
function messageIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('messages' in body) || !Array.isArray(body.messages)) return undefined;
  const first: unknown = body.messages[0];
  if (typeof first !== 'object' || first === null || !('id' in first)) return undefined;
  return typeof first.id === 'string' && first.id !== '' ? first.id : undefined;
}
