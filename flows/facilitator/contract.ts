/**
 * What the facilitator flow exchanges with the world. Like the KPM assistant it imports no
 * database, i18next or channel code: the engine sends `FacilitatorEvent`s, supplies the effects
 * named in `facilitatorEffectNames` and renders the `ReplySpec`s (the KPM assistant's shape).
 * Every effect acts for the chat (`ChatRef`); the implementation finds the facilitator account
 * linked to that chat, so the flow never carries or trusts an account id.
 */
import type { ChatRef, Language, LocalTime, ReplySpec } from '../kpm-assistant/contract.js';

export type { ChatRef, Language, LocalTime, ReplySpec };

export type FacilitatorEvent =
  | { type: 'TEXT'; text: string }
  /** "menu", "batal", "kembali": back to the facilitator menu from anywhere. */
  | { type: 'MENU'; reason?: 'cancel' }
  | { type: 'OTHER' }
  /** "english", "bahasa indonesia": replies switch language at once, from the menu. */
  | { type: 'LANGUAGE'; language: Language }
  | { type: 'IDLE_RESET' };

export interface FacilitatorInput {
  channel: string;
  chatId: string;
  language?: Language;
}

export interface GroupOption {
  id: number;
  name: string;
  members: number;
}

export interface SessionOption {
  id: number;
  title: string;
  when: LocalTime;
  place: string;
  groups: string;
  invited: number;
  answered: number;
  coming: number;
  attended: number;
}

export type SessionProblem = 'not-found' | 'in-past' | 'bad-time' | 'no-group' | 'started' | 'cancelled';

export interface CreateSessionInput extends ChatRef {
  title: string;
  /** Wall-clock "YYYY-MM-DDTHH:MM" in the group's time zone. */
  startsLocal: string;
  place: string;
  groupIds: number[];
}
export type CreateSessionOutput = { ok: true; when: LocalTime } | { ok: false; problem: SessionProblem };

export interface ListSessionsInput extends ChatRef {
  /** upcoming: not started yet; recent: also those of the last 30 days (attendance). */
  range: 'upcoming' | 'recent';
}

export interface SessionRef extends ChatRef {
  sessionId: number;
}
export type SessionChangeOutput = { ok: true; when?: LocalTime } | { ok: false; problem: SessionProblem };

export interface RescheduleInput extends SessionRef {
  startsLocal: string;
}

export interface InviteeOption {
  invitationId: number;
  name: string;
  rsvp: 'coming' | 'not-coming' | null;
  attended: boolean | null;
}
export type OverviewOutput = (SessionOption & { invitees: InviteeOption[] }) | null;

export interface MarkAttendanceInput extends SessionRef {
  /** Invitations marked present; the others of the session are marked absent. */
  present: number[];
}

export interface AnnouncementTarget extends ChatRef {
  groupId: number;
}
/** How many members the announcement reaches, and why the others are left out. */
export interface AnnouncementPreview {
  reachable: number;
  noChat: number;
  optedOut: number;
}
/** Sent as a broadcast keyed by the conversation and the confirming turn (the effect knows the turn), so one confirmation sends once. */
export interface SendAnnouncementInput extends AnnouncementTarget {
  text: string;
}
export interface SendAnnouncementOutput {
  queued: number;
}

/**
 * *Rekap laporan*: this month's business-report recap of the facilitator's own groups, already
 * shaped as a reply (the implementation audits the disclosure); the flow shows it as is.
 */
export type ReportRecapOutput = ReplySpec;

export const facilitatorEffectNames = {
  actions: ['reply'] as const,
  actors: [
    'listGroups', 'createSession', 'listSessions', 'cancelSession', 'rescheduleSession',
    'sessionOverview', 'markAttendance', 'previewAnnouncement', 'sendAnnouncement', 'reportRecap', 'unlinkChat',
  ] as const,
};
