import { normaliseText } from '../../flows/kpm-assistant/normalise-text.js';
import type { InboundContent } from '../channels/channel-port.js';

export type RsvpAnswer = 'coming' | 'not-coming';

/**
 * How sure we are that a message answers a session invitation:
 * - `button`: a tapped *Hadir* / *Tidak bisa hadir* (the session id rides in the choice id);
 * - `word`: "hadir", "tidak bisa hadir" (or a keyboard label "1. Hadir"): an answer whenever an
 *   invitation is open for the chat;
 * - `short`: "ya", "tidak", "1", "2": an answer only while the invitation is the last thing the
 *   chat received (nothing typed since), so a "1" at the menu still means the menu.
 */
export type RsvpReading = { strength: 'button'; sessionId: number; answer: RsvpAnswer } | { strength: 'word' | 'short'; answer: RsvpAnswer };

const WORDS: Record<string, RsvpAnswer> = {
  hadir: 'coming', 'saya hadir': 'coming', 'ya hadir': 'coming', 'iya hadir': 'coming', 'insya allah hadir': 'coming', 'insyaallah hadir': 'coming',
  'bisa hadir': 'coming', 'siap hadir': 'coming', attending: 'coming', 'i will attend': 'coming', 'i will come': 'coming',
  'tidak bisa hadir': 'not-coming', 'tidak hadir': 'not-coming', 'tdk bisa hadir': 'not-coming', 'gak bisa hadir': 'not-coming',
  'ga bisa hadir': 'not-coming', 'nggak bisa hadir': 'not-coming', 'tidak dapat hadir': 'not-coming', 'berhalangan': 'not-coming',
  'berhalangan hadir': 'not-coming', 'cannot attend': 'not-coming', 'can t attend': 'not-coming', 'not attending': 'not-coming',
};
const SHORT: Record<string, RsvpAnswer> = {
  '1': 'coming', ya: 'coming', iya: 'coming', yes: 'coming', y: 'coming', bisa: 'coming',
  '2': 'not-coming', tidak: 'not-coming', tdk: 'not-coming', gak: 'not-coming', nggak: 'not-coming', ga: 'not-coming', no: 'not-coming', 'tidak bisa': 'not-coming',
};

export function readRsvp(content: InboundContent): RsvpReading | null {
  if (content.kind === 'choice') {
    const match = /^rsvp:(\d{1,9}):(yes|no)$/.exec(content.choiceId);
    if (match) return { strength: 'button', sessionId: Number(match[1]), answer: match[2] === 'yes' ? 'coming' : 'not-coming' };
    return null;
  }
  if (content.kind !== 'text' || content.text.length > 60) return null;
  const text = normaliseText(content.text);
  const word = WORDS[text.replace(/^[12] /, '')];
  if (word) return { strength: 'word', answer: word };
  const short = SHORT[text];
  return short ? { strength: 'short', answer: short } : null;
}
