import { proto, type MessageUserReceiptUpdate, type WAMessageUpdate } from '@whiskeysockets/baileys';
import type { DeliveryUpdate } from '../channel-port.js';

const Status = proto.WebMessageInfo.Status;

/**
 * A `messages.update` about a message the bot sent, as delivery news: SERVER_ACK → sent,
 * DELIVERY_ACK → delivered, READ/PLAYED → read, ERROR → failed (with WhatsApp's error code).
 * Anything else (edits, other people's messages, PENDING) is not delivery news.
 */
export function fromMessageUpdate({ key, update }: WAMessageUpdate): DeliveryUpdate | undefined {
  if (!key.fromMe || !key.id || update.status === null || update.status === undefined) return undefined;
  switch (update.status) {
    case Status.SERVER_ACK:
      return news(key.id, 'sent');
    case Status.DELIVERY_ACK:
      return news(key.id, 'delivered');
    case Status.READ:
    case Status.PLAYED:
      return news(key.id, 'read');
    case Status.ERROR: {
      const code = update.messageStubParameters?.[0];
      const reason = typeof code === 'string' && /^[0-9]{1,4}$/.test(code) ? `whatsapp error ${code}` : 'whatsapp error';
      return { ...news(key.id, 'failed'), reason };
    }
    default:
      return undefined;
  }
}

/** A per-recipient receipt (`message-receipt.update`, which Baileys emits for group-style receipts). */
export function fromReceiptUpdate({ key, receipt }: MessageUserReceiptUpdate): DeliveryUpdate | undefined {
  if (!key.fromMe || !key.id) return undefined;
  if (receipt.readTimestamp || receipt.playedTimestamp) return news(key.id, 'read');
  if (receipt.receiptTimestamp) return news(key.id, 'delivered');
  return undefined;
}

function news(externalId: string, status: DeliveryUpdate['status']): DeliveryUpdate {
  return { channel: 'whatsapp', externalId, status };
}
