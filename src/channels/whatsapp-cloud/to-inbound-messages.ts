import type { DeliveryUpdate, InboundContent, InboundMessage } from '../channel-port.js';
import { cleanDeliveryUpdate, cleanInbound } from '../clean-text.js';
import { errorReason } from './error-reason.js';
import { toCloudMediaRef } from './media-ref.js';
import { changeValue, webhookEnvelope, webhookMessage, webhookStatus, type WebhookMessage, type WebhookStatus } from './webhook-payload.js';

export interface ReadWebhook {
  /** Every message a person sent, in the order Meta listed them. */
  messages: InboundMessage[];
  /** Delivery news about messages we sent. */
  deliveryUpdates: DeliveryUpdate[];
  /** Items skipped: unreadable, for another phone number, or not a person writing (system notices). */
  ignored: number;
}

const DELIVERY_STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

/**
 * Reads one Cloud API webhook post: every entry, every change, every message and status (Meta
 * batches them). Undefined when the payload is not a webhook post at all. Changes other than
 * `messages`, and those addressed to another phone number of the same business account, are
 * skipped so replies never leave from a number the person did not write to.
 */
export function toInboundMessages(payload: unknown, phoneNumberId: string): ReadWebhook | undefined {
  const envelope = webhookEnvelope.safeParse(payload);
  if (!envelope.success) return undefined;
  const read: ReadWebhook = { messages: [], deliveryUpdates: [], ignored: 0 };
  for (const change of envelope.data.entry.flatMap((entry) => entry.changes)) {
    const value = changeValue.safeParse(change.value);
    const forUs = value.success && (value.data.metadata?.phone_number_id ?? phoneNumberId) === phoneNumberId;
    if (change.field !== 'messages' || !value.success || !forUs) {
      read.ignored += 1;
      continue;
    }
    for (const raw of value.data.messages) {
      const message = fromMessage(raw);
      if (message) read.messages.push(message);
      else read.ignored += 1;
    }
    for (const raw of value.data.statuses) {
      const update = fromStatus(raw);
      if (update) read.deliveryUpdates.push(update);
      else read.ignored += 1;
    }
  }
  return read;
}

function fromMessage(raw: unknown): InboundMessage | undefined {
  const parsed = webhookMessage.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  // Notices such as "this user changed their number" are not the person writing.
  if (message.type === 'system') return undefined;
  const chatId = message.from ?? message.from_user_id;
  if (chatId === undefined) return undefined;
  const receivedAt = dateOf(message.timestamp);
  return cleanInbound<InboundMessage>({
    channel: 'whatsapp-cloud',
    chatId,
    externalId: message.id,
    content: contentOf(message),
    // Meta vouches for the sender's number: it may serve as the second identity factor.
    ...(message.from !== undefined && /^\d{6,15}$/.test(message.from) && { sender: { phone: message.from } }),
    ...(receivedAt && { receivedAt }),
  });
}

function contentOf(message: WebhookMessage): InboundContent {
  switch (message.type) {
    case 'text':
      if (message.text) return { kind: 'text', text: message.text.body };
      break;
    case 'interactive': {
      const picked = message.interactive?.button_reply ?? message.interactive?.list_reply;
      if (picked) return { kind: 'choice', choiceId: picked.id, ...(picked.title !== undefined && { text: picked.title }) };
      return { kind: 'unsupported', platformType: `interactive.${message.interactive?.type ?? 'unknown'}` };
    }
    case 'button': {
      const button = message.button;
      const choiceId = button?.payload ?? button?.text;
      if (choiceId !== undefined) return { kind: 'choice', choiceId, ...(button?.text !== undefined && { text: button.text }) };
      break;
    }
    case 'image':
      if (message.image) {
        const { id, caption, mime_type: mimeType } = message.image;
        return {
          kind: 'image',
          mediaRef: toCloudMediaRef(id),
          ...(caption !== undefined && { caption }),
          ...(mimeType !== undefined && { mimeType }),
        };
      }
      break;
    case 'location':
      if (message.location) {
        const { latitude, longitude, name } = message.location;
        return { kind: 'location', latitude, longitude, ...(name !== undefined && { name }) };
      }
      break;
  }
  return { kind: 'unsupported', platformType: message.type };
}

function fromStatus(raw: unknown): DeliveryUpdate | undefined {
  const parsed = webhookStatus.safeParse(raw);
  if (!parsed.success || !DELIVERY_STATUSES.has(parsed.data.status)) return undefined;
  const status = parsed.data.status as DeliveryUpdate['status'];
  const reason = status === 'failed' ? failureReason(parsed.data) : undefined;
  return cleanDeliveryUpdate({ channel: 'whatsapp-cloud', externalId: parsed.data.id, status, ...(reason !== undefined && { reason }) });
}

function failureReason(status: WebhookStatus): string {
  const first = status.errors?.[0];
  return errorReason(first?.code, first?.title ?? first?.message);
}

function dateOf(timestamp: string | undefined): Date | undefined {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return undefined;
  return new Date(Number(timestamp) * 1000);
}
