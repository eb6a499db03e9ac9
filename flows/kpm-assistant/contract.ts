/**
 * What the KPM assistant flow exchanges with the world. The flow imports no database, i18next
 * or channel code: the engine turns inbound messages into `FlowEvent`s, supplies the effects
 * named here with `machine.provide(...)`, and renders the `ReplySpec`s the flow emits.
 */

export type Language = 'id' | 'en';

/** Text in both languages, as stored for operator-defined data (program and stage labels). */
export interface LocalizedText {
  id: string;
  en: string;
}

/** A translation key with its interpolation values. Values are JSON-safe; LocalizedText is resolved by the renderer. */
export interface LineSpec {
  key: string;
  params?: Record<string, string | number | LocalizedText | null>;
}

/** One outgoing message: lines joined by newlines, then optional numbered choices. */
export interface ReplySpec {
  lines: LineSpec[];
  choices?: Array<{ id: string; key: string; params?: LineSpec['params'] }>;
}

/** Events the engine sends the flow. */
export type FlowEvent =
  | { type: 'TEXT'; text: string }
  | { type: 'CHOICE'; choiceId: string }
  | { type: 'IMAGE'; mediaRef: string; caption?: string }
  | { type: 'LOCATION'; latitude: number; longitude: number }
  | { type: 'UNSUPPORTED' }
  /** Global commands, recognised from text at any step. */
  /** `reason` says why, when it shapes the answer: "batal" (cancel) or a salam to return. */
  | { type: 'MENU'; reason?: 'cancel' | 'salam' }
  | { type: 'HELP' }
  /** `language` is set when the person named one ("english"): switch at once instead of asking. */
  | { type: 'LANGUAGE'; language?: Language }
  | { type: 'LOGOUT' }
  /** "hapus data saya": the person asks for this chat's data to be erased (confirmed first). */
  | { type: 'ERASE' }
  /**
   * BERHENTI / STOP (on: false) or MULAI (on: true): reminders and broadcasts to this person.
   * `word` is set for the bare word ("berhenti", "stop"), which a question may also offer as an
   * answer (the business report's "3. Berhenti"); "berhenti pengingat" is never an answer.
   */
  | { type: 'REMINDERS'; on: boolean; word?: 'berhenti' | 'stop' }
  /** Sent by the engine before a message that arrives after the idle timeout. */
  | { type: 'IDLE_RESET' };

/**
 * What a person sent, as the flow sees it. Structurally the channel port's `InboundContent`
 * (kept separate so flows import no channel code); `toFlowEvent` turns it into a `FlowEvent`.
 */
export type FlowInboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; choiceId: string; text?: string }
  | { kind: 'image'; mediaRef: string; caption?: string }
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'unsupported'; platformType: string };

/** Facts about the chat the engine gives the machine when it is first created. */
export interface FlowInput {
  channel: string;
  chatId: string;
  language?: Language;
  /** The chat's link as the engine remembers it (see `ContextFacts`), so a fresh actor keeps it. */
  recipientId?: number | null;
}

// ---- Effects (fromPromise actors supplied by the engine) ------------------------------

export interface ChatRef {
  channel: string;
  chatId: string;
}

/** One program the family is enrolled in, with the last stage reached. */
export interface EnrolmentView {
  programCode: string;
  programName: LocalizedText;
  currentStage: LocalizedText;
  /** ISO date (YYYY-MM-DD) the current stage was reached. */
  currentStageOn: string;
}

export interface EligibilitySummary {
  recipientId: number;
  maskedName: string;
  village: string;
  district: string;
  regency: string;
  enrolments: EnrolmentView[];
}

export interface StageView {
  label: LocalizedText;
  /** ISO date YYYY-MM-DD. */
  on: string;
  amount: number | null;
  channel: string | null;
  place: string | null;
  note: string | null;
}

export interface ProgramStatusView {
  programCode: string;
  programName: LocalizedText;
  reached: StageView[];
  /** The next stage in the program's order, or null when the last stage is reached. */
  next: LocalizedText | null;
}

export interface StatusView {
  recipientId: number;
  maskedName: string;
  programs: ProgramStatusView[];
}

/**
 * A moment as the person reads it: local wall-clock time with its offset
 * ("2026-11-27T14:30+07:00"); the renderer says "27 November 2026 pukul 14.30 WIB".
 */
export type LocalTime = string;

/** Where a KPM can reach people (operator data): their regency's Dinas Sosial, else the province's. */
export interface ContactView {
  name: string;
  phone: string | null;
  whatsapp: string | null;
  address: string | null;
}

/** Is this chat allowed another verification attempt right now? `recipientId`: the chat's link, for the contact shown. */
export interface VerificationGateInput extends ChatRef {
  recipientId: number | null;
}
export type VerificationGateOutput = { locked: false } | { locked: true; until: LocalTime; contact: ContactView | null };

/**
 * Verify identity by NIK plus a second factor: the sender's phone where the platform vouches
 * for it, otherwise the full name — or the KK number while name checks on this NIK are slowed.
 * On success the implementation links the chat to the recipient (replacing any earlier link)
 * and audits the disclosure. `rejected` is the same whether the NIK is unknown or the name is
 * wrong, so nothing reveals whether a NIK exists.
 *
 * Limits: failures are counted per chat (`attemptsLeft`, `locked` = this chat used them all)
 * and per NIK from any chat; many failures on one NIK only slow name checks on it (`slowed`,
 * until a time), never the phone or KK factor, so a stranger cannot lock the owner out.
 */
export interface VerifyIdentityInput extends ChatRef {
  nik: string;
  recipientId: number | null;
  /** Absent on the first call (and with `kk`): the implementation then tries the phone factor or asks for the name. */
  name?: string;
  /** The KK number, offered as the second factor while name checks are slowed. */
  kk?: string;
}
export type VerifyIdentityOutput =
  | { outcome: 'verified'; summary: EligibilitySummary }
  | { outcome: 'need-name' }
  | { outcome: 'rejected'; attemptsLeft: number }
  | { outcome: 'locked'; until: LocalTime; contact: ContactView | null }
  | { outcome: 'slowed'; until: LocalTime };

/** The contact to show a chat: its linked recipient's regency's, else the province's; null when none is set. */
export interface LoadContactInput extends ChatRef {
  recipientId: number | null;
}
export type LoadContactOutput = ContactView | null;

/** Eligibility for a chat already linked to a recipient (audited). Null when the link is stale. */
export interface LoadEligibilityInput extends ChatRef {
  recipientId: number;
}
export type LoadEligibilityOutput = EligibilitySummary | null;

/** Disbursement status for a linked chat (audited). Null when the link is stale. */
export interface LoadStatusInput extends ChatRef {
  recipientId: number;
}
export type LoadStatusOutput = StatusView | null;

/** Forget the chat's link to its recipient ("keluar"). */
export type UnlinkInput = ChatRef;

/**
 * Erase what is stored about this chat ("hapus data saya", after confirmation): its messages'
 * text, its snapshot, the sender's phone and its link to a recipient. An audit entry records
 * that it happened, without any content.
 */
export type EraseChatDataInput = ChatRef;

/**
 * Stop (`optedOut`) or resume reminders and broadcasts to the person of this chat. Conversations
 * go on either way. `changed` is false when nothing changed (MULAI from someone who never stopped).
 */
export interface SetRemindersInput extends ChatRef {
  optedOut: boolean;
}
export interface SetRemindersOutput {
  changed: boolean;
}

/** Names of the effects the machine expects; the engine provides each. */
export const effectNames = {
  actions: ['reply'] as const,
  actors: ['verificationGate', 'verifyIdentity', 'loadEligibility', 'loadStatus', 'unlinkChat', 'loadContact', 'eraseChatData', 'setReminders', 'progressReport'] as const,
};

/**
 * The machine's context always carries these two fields; the engine reads them after each
 * message to remember the chat's language and linked recipient outside the snapshot.
 */
export interface ContextFacts {
  language: Language;
  recipientId: number | null;
}
