import type { LineSpec, ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { IndonesianTimeZone } from '../domain/regions/time-zone.js';
import { toLocalTime } from '../domain/local-time.js';

export type NoticeKind = 'invitation' | 'reminder' | 'rescheduled' | 'cancelled';

/**
 * Choice ids of the RSVP buttons: the session rides along (the same message serves every
 * invited KPM), so a tap answers that session's invitation of the chat it was sent to.
 */
export function rsvpChoiceId(sessionId: number, answer: 'coming' | 'not-coming'): string {
  return `rsvp:${sessionId}:${answer === 'coming' ? 'yes' : 'no'}`;
}

/** What a KPM receives about a session; the invitation, reminders and reschedule notice carry *Hadir* / *Tidak bisa hadir*. */
export function noticeMessage(
  kind: NoticeKind,
  session: { id: number; title: string; startsAt: Date; timeZone: IndonesianTimeZone; place: string },
): ReplySpec {
  const when = toLocalTime(session.startsAt, session.timeZone);
  const facts: LineSpec[] = [
    { key: 'session.notice.when', params: { when } },
    { key: 'session.notice.place', params: { place: session.place } },
  ];
  if (kind === 'cancelled') return { lines: [{ key: 'session.notice.cancelled', params: { title: session.title } }, facts[0]!] };
  return {
    lines: [{ key: `session.notice.${kind}`, params: { title: session.title } }, ...facts, { key: 'session.notice.answer' }],
    choices: [
      { id: rsvpChoiceId(session.id, 'coming'), key: 'session.rsvp.coming' },
      { id: rsvpChoiceId(session.id, 'not-coming'), key: 'session.rsvp.notComing' },
    ],
  };
}
