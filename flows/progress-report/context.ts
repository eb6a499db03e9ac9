import type {
  BusinessStatus, EquipmentUse, Language, LineSpec, LoadReportSetupOutput, ReplySpec, ReportFlowInput, StopReason, StoredPhoto,
} from './contract.js';

/** The questions, in the order they are asked (`program` and `period` only when there is a choice). */
export type Step =
  | 'program'
  | 'period'
  | 'status'
  | 'stopReason'
  | 'stopNote'
  | 'sales'
  | 'profit'
  | 'workers'
  | 'equipment'
  | 'photos'
  | 'problems'
  | 'summary'
  /** "Ubah": which answer to change. */
  | 'change'
  /** A figure waiting for "yes, that is right" or another figure (see `pending`). */
  | 'confirmAmount'
  /** "3" alone for workers: family or paid? */
  | 'workersKind'
  /** After the idle timeout: go on or stop? */
  | 'resume';

/** A figure read but not yet taken: the KPM is asked about it first. */
export interface PendingAmount {
  field: 'sales' | 'profit';
  /** The figures offered as numbered choices (one: "is this right?"). */
  candidates: number[];
  /** Why it is asked: the line shown above the choices. */
  reason: 'ambiguous' | 'profitAboveSales' | 'muchHigher';
}

/** JSON-safe: persisted inside the KPM assistant's snapshot while the report is under way. */
export interface ReportContext {
  channel: string;
  chatId: string;
  language: Language;
  recipientId: number;
  setup: LoadReportSetupOutput | null;
  step: Step;
  /** The question the KPM was at when the idle timeout made the flow ask whether to go on. */
  returnTo: Step | null;
  /** Came from the summary's "ubah": go back to the summary after this answer. */
  editing: boolean;
  programCode: string | null;
  period: string | null;
  late: boolean;
  businessStatus: BusinessStatus | null;
  stopReason: StopReason | null;
  stopNote: string | null;
  salesAmount: number | null;
  profitAmount: number | null;
  familyWorkers: number | null;
  paidWorkers: number | null;
  /** Workers counted but not yet placed (family or paid). */
  unplacedWorkers: number | null;
  equipmentUse: EquipmentUse | null;
  problems: string | null;
  photos: StoredPhoto[];
  /** Optional questions answered or skipped (so the flow moves past them). */
  answered: Step[];
  pending: PendingAmount | null;
  /** The photo being stored right now. */
  photoRef: string | null;
  /** Replies computed by the last answer, sent by `deciding`'s entry. */
  outbox: ReplySpec[];
  /** Set when the flow should end with these lines before the parent's menu. */
  finish: { outcome: 'sent' | 'not-enrolled' | 'cancelled' | 'failed'; lead: LineSpec[] } | null;
  /** What happens after `deciding`. */
  next: 'ask' | 'storePhoto' | 'submit' | 'finish';
}

export function initialReportContext(input: ReportFlowInput): ReportContext {
  return {
    channel: input.channel,
    chatId: input.chatId,
    language: input.language,
    recipientId: input.recipientId,
    setup: null,
    step: 'status',
    returnTo: null,
    editing: false,
    programCode: null,
    period: null,
    late: false,
    businessStatus: null,
    stopReason: null,
    stopNote: null,
    salesAmount: null,
    profitAmount: null,
    familyWorkers: null,
    paidWorkers: null,
    unplacedWorkers: null,
    equipmentUse: null,
    problems: null,
    photos: [],
    answered: [],
    pending: null,
    photoRef: null,
    outbox: [],
    finish: null,
    next: 'ask',
  };
}

/** The program the report is for, with its name and whether the aid was goods. */
export function chosenProgram(context: ReportContext) {
  return context.setup?.programs.find((program) => program.code === context.programCode) ?? null;
}

export function isRunning(context: ReportContext): boolean {
  return context.businessStatus === 'running';
}
