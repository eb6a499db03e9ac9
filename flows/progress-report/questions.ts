import { chosenProgram, type ReportContext } from './context.js';
import type { LineSpec, ReplySpec } from './contract.js';
import {
  CHANGE_OPTIONS, choicesOf, CONFIRM_OPTIONS, EQUIPMENT_OPTIONS, RESUME_OPTIONS, STATUS_OPTIONS, STOP_REASON_OPTIONS, SUMMARY_OPTIONS,
  WORKERS_KIND_OPTIONS, type ReportOption,
} from './options.js';
import { applicableSteps } from './steps.js';
import { summaryLines } from './summary-lines.js';

/** The options "ubah" offers for this report. */
export function changeOptions(context: ReportContext): ReportOption[] {
  return applicableSteps(context)
    .filter((step) => step !== 'stopNote')
    .map((step) => CHANGE_OPTIONS[step])
    .filter((option): option is ReportOption => option !== undefined);
}

/** Program choices: one per program the KPM is enrolled in. */
export function programOptions(context: ReportContext): ReportOption[] {
  return (context.setup?.programs ?? []).map((program) => ({ id: program.code, key: 'progress:choice.program', words: [program.code.toLowerCase()] }));
}

/** Month choices: the current month, and the previous one while it may still be reported. */
export function periodOptions(context: ReportContext): ReportOption[] {
  return (context.setup?.periods ?? []).map((period) => ({ id: period.period, key: period.late ? 'progress:choice.periodLate' : 'progress:choice.period' }));
}

/**
 * The question for the step the flow is at, with `lead` lines before it. Asking again (after
 * "bantuan", a language switch or an answer that could not be read) sends the same question.
 */
export function questionReply(context: ReportContext, lead: LineSpec[] = []): ReplySpec {
  const program = chosenProgram(context);
  switch (context.step) {
    case 'program':
      return {
        lines: [...lead, { key: 'progress:ask.program' }],
        choices: (context.setup?.programs ?? []).map((entry) => ({ id: entry.code, key: 'progress:choice.program', params: { name: entry.name } })),
      };
    case 'period':
      return {
        lines: [...lead, { key: 'progress:ask.period' }],
        choices: (context.setup?.periods ?? []).map((entry) => ({
          id: entry.period,
          key: entry.late ? 'progress:choice.periodLate' : 'progress:choice.period',
          params: { month: entry.label },
        })),
      };
    case 'status':
      return { lines: [...lead, { key: 'progress:ask.status' }], choices: choicesOf(STATUS_OPTIONS) };
    case 'stopReason':
      return {
        lines: [...lead, { key: context.businessStatus === 'stopped' ? 'progress:ask.stopReasonStopped' : 'progress:ask.stopReasonPaused' }],
        choices: choicesOf(STOP_REASON_OPTIONS),
      };
    case 'stopNote':
      return { lines: [...lead, { key: 'progress:ask.stopNote' }] };
    case 'sales':
      return { lines: [...lead, { key: 'progress:ask.sales' }, { key: 'progress:hint.money' }] };
    case 'profit':
      return { lines: [...lead, { key: 'progress:ask.profit' }, { key: 'progress:hint.money' }] };
    case 'workers':
      return { lines: [...lead, { key: 'progress:ask.workers' }, { key: 'progress:hint.skip' }] };
    case 'workersKind':
      return {
        lines: [...lead, { key: 'progress:ask.workersKind', params: { count: context.unplacedWorkers ?? 0 } }],
        choices: choicesOf(WORKERS_KIND_OPTIONS),
      };
    case 'equipment':
      return {
        lines: [...lead, { key: 'progress:ask.equipment', params: { program: program?.name ?? null } }],
        choices: choicesOf(EQUIPMENT_OPTIONS),
      };
    case 'photos':
      return context.photos.length === 0
        ? { lines: [...lead, { key: 'progress:ask.photos' }, { key: 'progress:hint.skip' }] }
        : { lines: [...lead, { key: 'progress:ask.morePhotos', params: { count: context.photos.length } }] };
    case 'problems':
      return { lines: [...lead, { key: 'progress:ask.problems' }, { key: 'progress:hint.skip' }] };
    case 'summary':
      return { lines: [...lead, ...summaryLines(context), { key: 'progress:ask.confirm' }], choices: choicesOf(SUMMARY_OPTIONS) };
    case 'change':
      return { lines: [...lead, { key: 'progress:ask.change' }], choices: choicesOf(changeOptions(context)) };
    case 'confirmAmount':
      return confirmAmountReply(context, lead);
    case 'resume':
      return { lines: [...lead, { key: 'progress:ask.resume' }], choices: choicesOf(RESUME_OPTIONS) };
  }
}

function confirmAmountReply(context: ReportContext, lead: LineSpec[]): ReplySpec {
  const pending = context.pending;
  if (!pending) return { lines: lead };
  const field = pending.field;
  if (pending.reason === 'ambiguous') {
    return {
      lines: [...lead, { key: 'progress:check.ambiguous' }],
      choices: pending.candidates.map((amount, index) => ({ id: `amount-${index}`, key: 'progress:choice.amount', params: { amount } })),
    };
  }
  const amount = pending.candidates[0] ?? 0;
  const line: LineSpec = pending.reason === 'profitAboveSales'
    ? { key: 'progress:check.profitAboveSales', params: { amount, sales: context.salesAmount ?? 0 } }
    : { key: field === 'sales' ? 'progress:check.salesMuchHigher' : 'progress:check.profitMuchHigher', params: { amount } };
  return { lines: [...lead, line, { key: 'progress:check.isRight', params: { amount } }], choices: choicesOf(CONFIRM_OPTIONS) };
}
