/**
 * What the progress-report flow exchanges with the world. Like the KPM assistant it imports no
 * database, i18next or channel code: effects are named and supplied with `machine.provide(...)`.
 */
import type { Language, LineSpec, LocalizedText, ReplySpec } from '../kpm-assistant/contract.js';

export type { Language, LineSpec, LocalizedText, ReplySpec };

export type BusinessStatus = 'running' | 'paused' | 'stopped';
export type StopReason = 'no-capital' | 'no-buyers' | 'sick' | 'family' | 'disaster' | 'other';
export type EquipmentUse = 'all-used' | 'partly-used' | 'not-used' | 'sold' | 'broken';

/** A photo the effect has already cleaned and stored: media-store keys only. */
export interface StoredPhoto {
  position: number;
  mediaKey: string;
  thumbnailKey: string;
  mimeType: string;
  width: number;
  height: number;
  byteSize: number;
}

/** Started by the KPM assistant for a linked chat. */
export interface ReportFlowInput {
  channel: string;
  chatId: string;
  language: Language;
  recipientId: number;
}

/** Events the flow reads. The parent forwards TEXT, CHOICE, IMAGE, HELP, LANGUAGE and IDLE_RESET. */
export type ReportEvent =
  | { type: 'TEXT'; text: string }
  | { type: 'CHOICE'; choiceId: string }
  | { type: 'IMAGE'; mediaRef: string; caption?: string }
  | { type: 'LOCATION'; latitude: number; longitude: number }
  | { type: 'UNSUPPORTED' }
  /** "bantuan" mid-report: how to answer, then the same question again. */
  | { type: 'HELP' }
  /** The parent switched language: the question again, in it. */
  | { type: 'LANGUAGE'; language?: Language }
  /** The chat was idle past the timeout: the next message is asked whether to go on. */
  | { type: 'IDLE_RESET' };

// ---- Effects ---------------------------------------------------------------------------

export interface ReportChat {
  channel: string;
  chatId: string;
  recipientId: number;
}

export interface ReportProgramView {
  code: string;
  name: LocalizedText;
  /** Aid given as goods (UEP): the equipment question is asked. */
  goods: boolean;
}

export interface ReportPeriodView {
  /** "YYYY-MM" */
  period: string;
  /** The month as people say it ("November 2026"), for the question and the summary. */
  label: LocalizedText;
  /** Reporting for a month that has ended (allowed until the configured day). */
  late: boolean;
  /** Programs that already have a report for this month (a new one replaces it). */
  reportedPrograms: string[];
}

/** The figures of the month before, per program, for the "more than three times" check. */
export interface PreviousFigures {
  programCode: string;
  salesAmount: number | null;
  profitAmount: number | null;
}

/** Loaded when the report starts: what the KPM may report on. */
export type LoadReportSetupInput = ReportChat;
export interface LoadReportSetupOutput {
  programs: ReportProgramView[];
  /** Current month first; the previous month too while a late report is allowed. */
  periods: ReportPeriodView[];
  /** Keyed by `${programCode}:${period}`: the figures of the month before that period. */
  previous: Record<string, PreviousFigures>;
}

/** Download, clean (EXIF/GPS stripped), size-check and store one photo; make its thumbnail. */
export interface StorePhotoInput extends ReportChat {
  mediaRef: string;
  position: number;
}
export type StorePhotoOutput =
  | { ok: true; photo: StoredPhoto }
  | { ok: false; reason: 'too-large' | 'not-an-image' | 'unavailable' };

/** Store the report (replacing the month's earlier one, kept as history); audited. */
export interface SubmitReportInput extends ReportChat {
  programCode: string;
  period: string;
  late: boolean;
  businessStatus: BusinessStatus;
  stopReason: StopReason | null;
  stopNote: string | null;
  salesAmount: number | null;
  profitAmount: number | null;
  familyWorkers: number | null;
  paidWorkers: number | null;
  equipmentUse: EquipmentUse | null;
  problems: string | null;
  photos: StoredPhoto[];
}
export interface SubmitReportOutput {
  reference: string;
  replaced: boolean;
}

/** What the flow hands back when it ends: lines the parent puts before its menu. */
export interface ReportFlowOutput {
  outcome: 'sent' | 'not-enrolled' | 'cancelled' | 'failed';
  lead: LineSpec[];
}

export const reportEffectNames = {
  actions: ['reply'] as const,
  actors: ['loadReportSetup', 'storePhoto', 'submitReport'] as const,
};
