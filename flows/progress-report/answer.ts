import { parseMoney } from '../../src/domain/money/parse-money.js';
import { matchChoice, type ChoiceOption } from '../kpm-assistant/match-choice.js';
import { normaliseText } from '../kpm-assistant/normalise-text.js';
import type { ReportContext, Step } from './context.js';
import type { LineSpec, LoadReportSetupOutput, ReportEvent, StorePhotoOutput, SubmitReportOutput } from './contract.js';
import {
  CONFIRM_OPTIONS, EQUIPMENT_OPTIONS, RESUME_OPTIONS, SKIP_WORDS, STATUS_OPTIONS, STOP_REASON_OPTIONS, SUMMARY_OPTIONS, WORKERS_KIND_OPTIONS,
} from './options.js';
import { changeOptions, periodOptions, programOptions, questionReply } from './questions.js';
import { readWorkers } from './read-workers.js';
import { nextStep } from './steps.js';

/** Most photos one report takes. */
export const MAX_PHOTOS = 3;
/** A figure above this many times last month's is asked about ("Apakah benar Rp15.000.000?"). */
export const MUCH_HIGHER_FACTOR = 3;
/** Longest free text kept (a reason, the problems). */
export const MAX_NOTE_LENGTH = 500;

/**
 * The flow's logic as pure functions: each takes the context and what happened, and returns the
 * next context with the replies to send (`outbox`) and what the machine does next (`next`).
 * The machine only runs effects and sends the outbox.
 */

function fresh(context: ReportContext): ReportContext {
  return { ...context, outbox: [], next: 'ask' };
}

/** Move to `step` and ask its question, after `lead`. */
function ask(context: ReportContext, step: Step, lead: LineSpec[] = []): ReportContext {
  const moved = { ...context, step };
  return { ...moved, outbox: [...moved.outbox, questionReply(moved, lead)] };
}

/** The same question again, after `lead` (why the answer was not taken). */
function again(context: ReportContext, lead: LineSpec[]): ReportContext {
  return ask(context, context.step, lead);
}

function finish(context: ReportContext, outcome: NonNullable<ReportContext['finish']>['outcome'], lead: LineSpec[]): ReportContext {
  return { ...context, finish: { outcome, lead }, next: 'finish' };
}

function markAnswered(context: ReportContext, step: Step): ReportContext {
  return context.answered.includes(step) ? context : { ...context, answered: [...context.answered, step] };
}

function forget(context: ReportContext, step: Step): ReportContext {
  return { ...context, answered: context.answered.filter((entry) => entry !== step) };
}

/** Go on from `after` to the next question (or the summary). */
function proceed(context: ReportContext, after: Step, lead: LineSpec[] = []): ReportContext {
  const step = nextStep(context, after);
  return ask({ ...context, editing: step === 'summary' ? false : context.editing }, step, lead);
}

function isSkip(event: ReportEvent): boolean {
  return event.type === 'TEXT' && SKIP_WORDS.has(normaliseText(event.text));
}

function picked(event: ReportEvent, options: readonly ChoiceOption[]): string | null {
  return event.type === 'TEXT' || event.type === 'CHOICE' ? matchChoice(event, options) : null;
}

const NOT_UNDERSTOOD: LineSpec = { key: 'progress:notUnderstood' };

/** The loaded setup: which programs, which month; the first question. */
export function setupLoaded(context: ReportContext, setup: LoadReportSetupOutput): ReportContext {
  const loaded = { ...fresh(context), setup };
  if (setup.programs.length === 0) return finish(loaded, 'not-enrolled', [{ key: 'progress:notEnrolled' }]);
  if (setup.programs.length === 1) return programChosen(loaded, setup.programs[0]!.code);
  return ask(loaded, 'program');
}

function programChosen(context: ReportContext, programCode: string): ReportContext {
  const withProgram = { ...context, programCode };
  const periods = (context.setup?.periods ?? []).filter((entry) => !entry.late || !entry.reportedPrograms.includes(programCode));
  const setup = context.setup ? { ...context.setup, periods } : null;
  const current = periods[0];
  if (periods.length > 1) return ask({ ...withProgram, setup }, 'period');
  return periodChosen({ ...withProgram, setup }, current?.period ?? null);
}

function periodChosen(context: ReportContext, period: string | null): ReportContext {
  const entry = context.setup?.periods.find((candidate) => candidate.period === period);
  const chosen = { ...context, period, late: entry?.late ?? false };
  const replacing = entry?.reportedPrograms.includes(context.programCode ?? '') ?? false;
  return ask(chosen, 'status', replacing ? [{ key: 'progress:start.replacing' }] : [{ key: 'progress:start.intro' }]);
}

/** What one message does at the current step. */
export function applyAnswer(previous: ReportContext, event: ReportEvent): ReportContext {
  const context = fresh(previous);
  switch (event.type) {
    case 'HELP':
      return again(context, [{ key: 'progress:help' }]);
    case 'LANGUAGE':
      return again({ ...context, language: event.language ?? context.language }, []);
    case 'IDLE_RESET':
      // Nothing is said now: the message that woke the chat is answered with "go on or stop?".
      return context.step === 'resume' ? context : { ...context, returnTo: context.step, step: 'resume' };
    case 'LOCATION':
    case 'UNSUPPORTED':
      return again(context, [NOT_UNDERSTOOD]);
    case 'IMAGE':
      if (context.step === 'photos') {
        return context.photos.length >= MAX_PHOTOS ? proceed(markAnswered(context, 'photos'), 'photos') : { ...context, photoRef: event.mediaRef, next: 'storePhoto' };
      }
      return again(context, [{ key: 'progress:photoNotNow' }]);
    default:
      return answerStep(context, event);
  }
}

function answerStep(context: ReportContext, event: Extract<ReportEvent, { type: 'TEXT' | 'CHOICE' }>): ReportContext {
  switch (context.step) {
    case 'program': {
      const code = picked(event, programOptions(context));
      return code ? programChosen(context, code) : again(context, [NOT_UNDERSTOOD]);
    }
    case 'period': {
      const period = picked(event, periodOptions(context));
      return period ? periodChosen(context, period) : again(context, [NOT_UNDERSTOOD]);
    }
    case 'status': {
      const status = picked(event, STATUS_OPTIONS) as ReportContext['businessStatus'];
      return status ? proceed({ ...context, businessStatus: status }, 'status') : again(context, [NOT_UNDERSTOOD]);
    }
    case 'stopReason': {
      const reason = picked(event, STOP_REASON_OPTIONS) as ReportContext['stopReason'];
      if (reason) return proceed({ ...context, stopReason: reason }, 'stopReason');
      // Their own words instead of a number: that is the reason ("lainnya") and its note.
      if (event.type === 'TEXT' && /\p{L}{3}/u.test(event.text)) {
        return proceed(markAnswered({ ...context, stopReason: 'other', stopNote: note(event.text) }, 'stopNote'), 'stopReason');
      }
      return again(context, [NOT_UNDERSTOOD]);
    }
    case 'stopNote':
      if (isSkip(event) || event.type !== 'TEXT') return proceed(markAnswered({ ...context, stopNote: null }, 'stopNote'), 'stopNote');
      return proceed(markAnswered({ ...context, stopNote: note(event.text) }, 'stopNote'), 'stopNote');
    case 'sales':
    case 'profit':
      return event.type === 'TEXT' ? readFigure(context, context.step, event.text) : again(context, [NOT_UNDERSTOOD]);
    case 'confirmAmount':
      return confirmAmount(context, event);
    case 'workers': {
      if (isSkip(event) || event.type !== 'TEXT') return proceed(markAnswered({ ...context, familyWorkers: null, paidWorkers: null }, 'workers'), 'workers');
      const reading = readWorkers(event.text);
      if (reading.kind === 'counted') {
        return proceed(markAnswered({ ...context, familyWorkers: reading.family, paidWorkers: reading.paid }, 'workers'), 'workers');
      }
      if (reading.kind === 'unplaced') return ask({ ...context, unplacedWorkers: reading.count }, 'workersKind');
      return again(context, [{ key: 'progress:workersUnreadable' }]);
    }
    case 'workersKind': {
      const kind = picked(event, WORKERS_KIND_OPTIONS);
      const count = context.unplacedWorkers ?? 0;
      if (kind === 'family' || kind === 'paid') {
        const counted = { ...context, unplacedWorkers: null, familyWorkers: kind === 'family' ? count : 0, paidWorkers: kind === 'paid' ? count : 0 };
        return proceed(markAnswered(counted, 'workers'), 'workers');
      }
      if (kind === 'both') return ask({ ...context, unplacedWorkers: null }, 'workers', [{ key: 'progress:workersBoth' }]);
      return again(context, [NOT_UNDERSTOOD]);
    }
    case 'equipment': {
      const use = picked(event, EQUIPMENT_OPTIONS) as ReportContext['equipmentUse'];
      return use ? proceed({ ...context, equipmentUse: use }, 'equipment') : again(context, [NOT_UNDERSTOOD]);
    }
    case 'photos':
      if (isSkip(event)) return proceed(markAnswered(context, 'photos'), 'photos');
      return again(context, [{ key: 'progress:photosSendOrSkip' }]);
    case 'problems':
      if (isSkip(event) || event.type !== 'TEXT') return proceed(markAnswered({ ...context, problems: null }, 'problems'), 'problems');
      return proceed(markAnswered({ ...context, problems: note(event.text) }, 'problems'), 'problems');
    case 'summary': {
      const choice = picked(event, SUMMARY_OPTIONS);
      if (choice === 'send') return { ...context, next: 'submit' };
      if (choice === 'change') return ask(context, 'change');
      if (choice === 'cancel') return finish(context, 'cancelled', [{ key: 'progress:cancelled' }]);
      return again(context, [NOT_UNDERSTOOD]);
    }
    case 'change':
      return changeAnswer(context, picked(event, changeOptions(context)));
    case 'resume': {
      const choice = picked(event, RESUME_OPTIONS);
      if (choice === 'continue') return ask({ ...context, returnTo: null }, context.returnTo ?? 'status');
      if (choice === 'cancel') return finish(context, 'cancelled', [{ key: 'progress:cancelled' }]);
      return again(context, []);
    }
  }
}

function note(text: string): string {
  return text.trim().slice(0, MAX_NOTE_LENGTH);
}

function changeAnswer(context: ReportContext, field: string | null): ReportContext {
  const editing = { ...context, editing: true };
  switch (field) {
    case 'status':
    case 'stopReason':
    case 'sales':
    case 'profit':
    case 'equipment':
      return ask(editing, field);
    case 'workers':
      return ask(forget({ ...editing, familyWorkers: null, paidWorkers: null }, 'workers'), 'workers');
    case 'photos':
      // New photos replace the ones sent: the KPM sends the ones they want kept.
      return ask(forget({ ...editing, photos: [] }, 'photos'), 'photos');
    case 'problems':
      return ask(forget({ ...editing, problems: null }, 'problems'), 'problems');
    default:
      return again(context, [NOT_UNDERSTOOD]);
  }
}

/** Last month's figure of this kind, from the month before the report's. */
function previousFigure(context: ReportContext, field: 'sales' | 'profit'): number | null {
  const previous = context.setup?.previous[`${context.programCode}:${context.period}`];
  if (!previous) return null;
  return field === 'sales' ? previous.salesAmount : previous.profitAmount;
}

function readFigure(context: ReportContext, field: 'sales' | 'profit', text: string): ReportContext {
  const reading = parseMoney(text);
  if (reading.kind === 'ask') {
    const candidates = reading.candidates.filter((amount) => field === 'profit' || amount >= 0);
    if (candidates.length > 0) {
      return ask({ ...context, pending: { field, candidates, reason: 'ambiguous' } }, 'confirmAmount', [{ key: `progress:money.${reading.reason}` }]);
    }
    return ask(context, field, [{ key: `progress:money.${reading.reason}` }]);
  }
  if (field === 'sales' && reading.amount < 0) return ask(context, field, [{ key: 'progress:check.salesNegative' }]);
  return takeFigure(context, field, reading.amount);
}

/** A figure read exactly: checked for sense (asking, never refusing), then kept. */
function takeFigure(context: ReportContext, field: 'sales' | 'profit', amount: number): ReportContext {
  if (field === 'profit' && context.salesAmount !== null && amount > context.salesAmount) {
    return ask({ ...context, pending: { field, candidates: [amount], reason: 'profitAboveSales' } }, 'confirmAmount');
  }
  const before = previousFigure(context, field);
  if (before !== null && before > 0 && amount > MUCH_HIGHER_FACTOR * before) {
    return ask({ ...context, pending: { field, candidates: [amount], reason: 'muchHigher' } }, 'confirmAmount');
  }
  return keepFigure(context, field, amount);
}

function keepFigure(context: ReportContext, field: 'sales' | 'profit', amount: number): ReportContext {
  const kept = { ...context, pending: null, ...(field === 'sales' ? { salesAmount: amount } : { profitAmount: amount }) };
  return proceed(kept, field);
}

function confirmAmount(context: ReportContext, event: Extract<ReportEvent, { type: 'TEXT' | 'CHOICE' }>): ReportContext {
  const pending = context.pending;
  if (!pending) return proceed(context, 'status');
  const back = { ...context, pending: null, step: pending.field };
  if (pending.reason === 'ambiguous') {
    const options = pending.candidates.map((_, index) => ({ id: `amount-${index}` }));
    const choice = picked(event, options);
    if (choice) return takeFigure(back, pending.field, pending.candidates[Number(choice.slice('amount-'.length))]!);
  } else {
    const choice = picked(event, CONFIRM_OPTIONS);
    if (choice === 'yes') return keepFigure(back, pending.field, pending.candidates[0]!);
    if (choice === 'retype') return ask(back, pending.field);
  }
  // Another figure typed instead: read it as the answer to the question.
  if (event.type === 'TEXT' && /\d|juta|ribu|rb|jt/i.test(event.text)) return readFigure(back, pending.field, event.text);
  return again(context, [NOT_UNDERSTOOD]);
}

/** The photo effect's answer: one more photo kept, or why not. */
export function photoStored(previous: ReportContext, output: StorePhotoOutput): ReportContext {
  const context = { ...fresh(previous), photoRef: null };
  if (!output.ok) return again(context, [{ key: `progress:photoFailed.${output.reason}` }]);
  const withPhoto = { ...context, photos: [...context.photos, output.photo] };
  if (withPhoto.photos.length >= MAX_PHOTOS) {
    return proceed(markAnswered(withPhoto, 'photos'), 'photos', [{ key: 'progress:photosEnough', params: { count: withPhoto.photos.length } }]);
  }
  return again(withPhoto, []);
}

export function photoFailed(previous: ReportContext): ReportContext {
  return again({ ...fresh(previous), photoRef: null }, [{ key: 'progress:photoFailed.unavailable' }]);
}

/** Sent: thank-you with the reference, then the parent's menu. */
export function submitted(context: ReportContext, output: SubmitReportOutput): ReportContext {
  const lead: LineSpec[] = [{ key: 'progress:thanks', params: { reference: output.reference } }];
  if (output.replaced) lead.push({ key: 'progress:replaced' });
  return finish(fresh(context), 'sent', lead);
}

/** Not stored (the database failed): the answers stay, the KPM may send again. */
export function submitFailed(context: ReportContext): ReportContext {
  return ask(fresh(context), 'summary', [{ key: 'progress:submitFailed' }]);
}
