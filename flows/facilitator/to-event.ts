import { normaliseText } from '../kpm-assistant/normalise-text.js';
import type { FacilitatorEvent, Language } from './contract.js';

/** What a person sent, as the flow sees it (the channel port's inbound shape, structurally). */
export type FacilitatorInbound =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; choiceId: string; text?: string }
  | { kind: 'image' | 'location' | 'unsupported' };

const MENU_WORDS = new Set(['menu', 'menu utama', 'main menu', 'kembali', 'back', '/start', '/menu', 'halo', 'hallo', 'hi', 'hai']);
const CANCEL_WORDS = new Set(['batal', 'batalkan', 'cancel', '/batal', '/cancel', 'gak jadi', 'tidak jadi']);
/** The KPM assistant's words for naming a language, so a linked chat can still switch. */
const LANGUAGE_WORDS = new Map<string, Language>([
  ...['english', 'inggris', 'bahasa inggris', 'in english', 'english please'].map((words) => [words, 'en'] as const),
  ...['bahasa indonesia', 'indonesia', 'indonesian'].map((words) => [words, 'id'] as const),
]);

/** Choices carry their number as id (`fac:3`), so a tap and a typed "3" are one event. */
export function toFacilitatorEvent(content: FacilitatorInbound): FacilitatorEvent {
  if (content.kind === 'choice') {
    const match = /^fac:(\d{1,2})$/.exec(content.choiceId);
    return match ? { type: 'TEXT', text: match[1]! } : { type: 'OTHER' };
  }
  if (content.kind !== 'text') return { type: 'OTHER' };
  const words = normaliseText(content.text);
  if (MENU_WORDS.has(words)) return { type: 'MENU' };
  if (CANCEL_WORDS.has(words)) return { type: 'MENU', reason: 'cancel' };
  const language = LANGUAGE_WORDS.get(words);
  if (language) return { type: 'LANGUAGE', language };
  return { type: 'TEXT', text: content.text.trim() };
}
