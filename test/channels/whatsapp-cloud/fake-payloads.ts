import { createHmac } from 'node:crypto';

/**
 * Cloud API webhook posts shaped like Meta's (entry → changes → value → messages/statuses), for
 * tests and for precomputing signed load. Every message gets a fresh wamid unless given one.
 */

export const PHONE_NUMBER_ID = '106540352242922';
export const APP_SECRET = 'stand-in-app-secret-0123456789abcdef';
export const VERIFY_TOKEN = 'verify-token-for-tests';
/** A sender who is not the registered phone of any demo recipient. */
export const STRANGER = '6281299990001';

let counter = 0;
const nextWamid = () => `wamid.test.${Date.now().toString(36)}.${(counter += 1)}`;
const unixNow = () => String(Math.floor(Date.now() / 1000));

export type WebhookMessageJson = Record<string, unknown> & { id: string; from?: string; type: string };

export function textMessage(from: string, body: string, id = nextWamid()): WebhookMessageJson {
  return { from, id, timestamp: unixNow(), type: 'text', text: { body } };
}

export function buttonReply(from: string, replyId: string, title: string, id = nextWamid()): WebhookMessageJson {
  return { from, id, timestamp: unixNow(), type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: replyId, title } } };
}

export function listReply(from: string, rowId: string, title: string, id = nextWamid()): WebhookMessageJson {
  return {
    from,
    id,
    timestamp: unixNow(),
    type: 'interactive',
    interactive: { type: 'list_reply', list_reply: { id: rowId, title, description: 'full label' } },
  };
}

export function imageMessage(from: string, mediaId: string, caption?: string, id = nextWamid()): WebhookMessageJson {
  return {
    from,
    id,
    timestamp: unixNow(),
    type: 'image',
    image: { id: mediaId, mime_type: 'image/jpeg', sha256: 'c2hhMjU2', ...(caption !== undefined && { caption }) },
  };
}

export function locationMessage(from: string, latitude: number, longitude: number, name?: string, id = nextWamid()): WebhookMessageJson {
  return { from, id, timestamp: unixNow(), type: 'location', location: { latitude, longitude, ...(name !== undefined && { name, address: 'Jl. Contoh' }) } };
}

export function stickerMessage(from: string, id = nextWamid()): WebhookMessageJson {
  return { from, id, timestamp: unixNow(), type: 'sticker', sticker: { id: 'sticker-media-1', mime_type: 'image/webp', animated: false } };
}

export type StatusJson = Record<string, unknown> & { id: string; status: string };

export function status(wamid: string, value: 'sent' | 'delivered' | 'read' | 'failed', recipient = STRANGER): StatusJson {
  return {
    id: wamid,
    status: value,
    timestamp: unixNow(),
    recipient_id: recipient,
    ...(value !== 'failed' && { conversation: { id: 'conv-1', origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'PMP', category: 'service' } }),
  };
}

export function failedStatus(wamid: string, code: number, title: string, recipient = STRANGER): StatusJson {
  return { ...status(wamid, 'failed', recipient), errors: [{ code, title, message: title, error_data: { details: `${title} for ${recipient}` } }] };
}

/** One change of the `messages` field, as Meta sends it. */
export function change(value: { messages?: WebhookMessageJson[]; statuses?: StatusJson[] }, phoneNumberId = PHONE_NUMBER_ID) {
  const contacts = (value.messages ?? []).map((message) => ({ profile: { name: 'Pengguna' }, wa_id: message.from }));
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '6281100000000', phone_number_id: phoneNumberId },
      ...(contacts.length > 0 && { contacts }),
      ...value,
    },
  };
}

/** A whole webhook post with one entry per group of changes. */
export function webhookPost(...entries: Array<ReturnType<typeof change>[]>) {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes, index) => ({ id: `10200000000000${index}`, changes })),
  };
}

/** The usual case: one entry, one change, these messages. */
export function messagesPost(...messages: WebhookMessageJson[]) {
  return webhookPost([change({ messages })]);
}

export function statusesPost(...statuses: StatusJson[]) {
  return webhookPost([change({ statuses })]);
}

/** The X-Hub-Signature-256 header Meta would send for these exact bytes. */
export function signatureOf(raw: string | Buffer, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** Headers and body of a signed webhook post. */
export function signedRequest(payload: unknown, secret = APP_SECRET): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, secret) } };
}
