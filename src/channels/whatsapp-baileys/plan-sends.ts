import type { OutboundContent } from '../channel-port.js';
import { renderChoicesAsText } from '../render-choices-as-text.js';
// Generic line-preserving splitter; it lives with the Telegram adapter, which came first.
import { splitText } from '../split-text.js';
import type { MediaStore } from '../../media/media-store.js';
import type { OutgoingContent } from './baileys-socket.js';

/** Longest text per message this channel sends (WhatsApp allows more; long walls of text read badly). */
export const WHATSAPP_MAX_TEXT = 4096;
/** Longest image caption; a longer one follows the image as text. */
export const WHATSAPP_MAX_CAPTION = 1024;

export type PlannedSends = { ok: true; sends: OutgoingContent[] } | { ok: false; reason: string };

/**
 * The WhatsApp messages that deliver one outbound message. No buttons: choices become numbered
 * lines (button messages are unreliable from WhatsApp Web sessions). Long text is split between
 * lines; images are read from the media store.
 */
export async function planSends(content: OutboundContent, mediaStore: MediaStore): Promise<PlannedSends> {
  if (content.kind === 'text') {
    const text = renderChoicesAsText(content);
    if (text.trim() === '') return { ok: false, reason: 'empty text' };
    return { ok: true, sends: splitText(text, WHATSAPP_MAX_TEXT).map((piece) => ({ text: piece })) };
  }
  let media: Awaited<ReturnType<MediaStore['get']>>;
  try {
    media = await mediaStore.get(content.mediaRef);
  } catch {
    return { ok: false, reason: 'invalid media reference' };
  }
  if (!media) return { ok: false, reason: 'media not found in the media store' };
  const image = { image: media.bytes, ...(media.mimeType !== undefined && { mimetype: media.mimeType }) };
  const caption = content.caption;
  if (caption === undefined || caption.trim() === '') return { ok: true, sends: [image] };
  if (caption.length <= WHATSAPP_MAX_CAPTION) return { ok: true, sends: [{ ...image, caption }] };
  return { ok: true, sends: [image, ...splitText(caption, WHATSAPP_MAX_TEXT).map((piece) => ({ text: piece }))] };
}
