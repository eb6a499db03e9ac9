import type { AnnouncementPreview, FacilitatorInput, GroupOption, Language, SessionOption } from './contract.js';

/** What the facilitator flow remembers between messages (JSON-safe, persisted with the snapshot). */
export interface FacilitatorContext {
  channel: string;
  chatId: string;
  language: Language;
  /** Always null: a facilitator's chat is never linked to a KPM (the engine reads it). */
  recipientId: null;
  draft: { title: string; startsLocal: string; place: string; groupIds: number[] };
  groups: GroupOption[];
  sessions: SessionOption[];
  sessionId: number | null;
  /** What the session being picked is for. */
  purpose: 'reschedule' | 'cancel' | 'attendance' | null;
  /** What the group being picked is for. */
  groupPurpose: 'session' | 'announcement';
  groupId: number | null;
  /** The announcement being written; cleared once sent or dropped. */
  announcement: string;
  preview: AnnouncementPreview | null;
  /** The invitations listed last, by number (ids only: names are shown, never kept in the snapshot). */
  invitees: number[];
  /** The outcome to tell after an effect (a problem key, or a count). */
  notice: { key: string; params?: Record<string, string | number> } | null;
}

export function initialFacilitatorContext(input: FacilitatorInput): FacilitatorContext {
  return {
    channel: input.channel,
    chatId: input.chatId,
    language: input.language ?? 'id',
    recipientId: null,
    draft: { title: '', startsLocal: '', place: '', groupIds: [] },
    groups: [],
    sessions: [],
    sessionId: null,
    purpose: null,
    groupPurpose: 'session',
    groupId: null,
    announcement: '',
    preview: null,
    invitees: [],
    notice: null,
  };
}
