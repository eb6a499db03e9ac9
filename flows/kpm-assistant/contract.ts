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
  | { type: 'MENU' }
  | { type: 'HELP' }
  /** `language` is set when the person named one ("english"): switch at once instead of asking. */
  | { type: 'LANGUAGE'; language?: Language }
  | { type: 'LOGOUT' }
  /** "hapus data saya": the person asks for this chat's data to be erased (confirmed first). */
  | { type: 'ERASE' }
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

/** Is this chat allowed another verification attempt right now? */
export type VerificationGateInput = ChatRef;
export interface VerificationGateOutput {
  locked: boolean;
}

/**
 * Verify identity by NIK plus a second factor: the sender's phone where the platform vouches
 * for it, otherwise the full name. On success the implementation links the chat to the
 * recipient and audits the disclosure. `rejected` is the same whether the NIK is unknown or the
 * name is wrong, so nothing reveals whether a NIK exists.
 */
export interface VerifyIdentityInput extends ChatRef {
  nik: string;
  /** Absent on the first call: the implementation then tries the phone factor or asks for the name. */
  name?: string;
}
export type VerifyIdentityOutput =
  | { outcome: 'verified'; summary: EligibilitySummary }
  | { outcome: 'need-name' }
  | { outcome: 'rejected'; attemptsLeft: number }
  | { outcome: 'locked' };

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

/** Names of the effects the machine expects; the engine provides each. */
export const effectNames = {
  actions: ['reply'] as const,
  actors: ['verificationGate', 'verifyIdentity', 'loadEligibility', 'loadStatus', 'unlinkChat', 'eraseChatData'] as const,
};

/**
 * The machine's context always carries these two fields; the engine reads them after each
 * message to remember the chat's language and linked recipient outside the snapshot.
 */
export interface ContextFacts {
  language: Language;
  recipientId: number | null;
}
