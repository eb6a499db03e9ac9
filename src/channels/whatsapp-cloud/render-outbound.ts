import { renderChoicesAsText } from '../render-choices-as-text.js';
import type { Choice, OutboundContent } from '../channel-port.js';
// Platform-neutral (cuts between lines, then words); it lives with the first adapter that needed it.
import { splitText } from '../split-text.js';
import { CLOUD_LIMITS, textMessage, type CloudMessage } from './cloud-message.js';
import { cloudMediaIdOf } from './media-ref.js';
import { interactiveFor } from './render-choices.js';

export type RenderedOutbound = { ok: true; sends: CloudMessage[] } | { ok: false; reason: string };

/**
 * Plans the Cloud API messages for one outbound message. Long text becomes several messages;
 * choices ride on the last as buttons or a list (whose body may hold only 1,024 characters, so
 * the text before it goes as plain messages), or become numbered text when they fit neither.
 */
export function renderOutbound(content: OutboundContent): RenderedOutbound {
  if (content.kind === 'text') {
    // The Cloud API refuses blank messages; say so here instead of after a round trip.
    if (content.text.trim() === '') return { ok: false, reason: 'empty text' };
    return { ok: true, sends: textSends(content.text, content.choices) };
  }
  const mediaId = cloudMediaIdOf(content.mediaRef);
  if (mediaId === undefined) return { ok: false, reason: 'media reference not resolvable on whatsapp-cloud' };
  const caption = content.caption;
  if (caption === undefined || caption.trim() === '' || caption.length <= CLOUD_LIMITS.caption) {
    const withCaption = caption !== undefined && caption.trim() !== '';
    return { ok: true, sends: [{ type: 'image', image: { id: mediaId, ...(withCaption && { caption }) } }] };
  }
  // A caption too long for WhatsApp follows the image as ordinary text.
  return { ok: true, sends: [{ type: 'image', image: { id: mediaId } }, ...plainSends(caption)] };
}

function textSends(text: string, choices: Choice[] | undefined): CloudMessage[] {
  if (!choices?.length) return plainSends(text);
  const pieces = splitText(text, CLOUD_LIMITS.text);
  const tail = splitText(pieces.pop() ?? text, CLOUD_LIMITS.interactiveBody);
  const body = tail.pop() ?? '';
  const interactive = interactiveFor(body, choices);
  if (!interactive) return plainSends(renderChoicesAsText({ kind: 'text', text, choices }));
  const before = tail.length > 0 ? [...pieces, tail.join('\n')] : pieces;
  return [...before.map(textMessage), { type: 'interactive', interactive }];
}

function plainSends(text: string): CloudMessage[] {
  return splitText(text, CLOUD_LIMITS.text).map(textMessage);
}
