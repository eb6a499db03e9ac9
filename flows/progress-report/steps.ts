import { chosenProgram, isRunning, type ReportContext, type Step } from './context.js';

/** The questions of a running business, in order. */
const RUNNING: readonly Step[] = ['status', 'sales', 'profit', 'workers', 'equipment', 'photos', 'problems'];
/** A business that is closed (for now or for good): why, then nothing else is asked. */
const NOT_RUNNING: readonly Step[] = ['status', 'stopReason', 'stopNote'];

/** The questions that apply to this report, in order (equipment only for goods aid). */
export function applicableSteps(context: ReportContext): Step[] {
  const steps = context.businessStatus === null || isRunning(context) ? RUNNING : NOT_RUNNING;
  const goods = chosenProgram(context)?.goods ?? false;
  return steps.filter((step) => step !== 'equipment' || goods);
}

/** Has this question an answer (or was it skipped, where skipping is allowed)? */
export function isAnswered(context: ReportContext, step: Step): boolean {
  switch (step) {
    case 'status':
      return context.businessStatus !== null;
    case 'stopReason':
      return context.stopReason !== null;
    case 'sales':
      return context.salesAmount !== null;
    case 'profit':
      return context.profitAmount !== null;
    case 'equipment':
      return context.equipmentUse !== null;
    default:
      return context.answered.includes(step);
  }
}

/**
 * Where to go after answering `after`: back to the summary when changing an answer and nothing
 * else is missing; otherwise the next question not yet answered; the summary at the end.
 */
export function nextStep(context: ReportContext, after: Step): Step {
  const steps = applicableSteps(context);
  if (context.editing) {
    const missing = steps.find((step) => !isAnswered(context, step));
    return missing ?? 'summary';
  }
  const index = steps.indexOf(after);
  return steps.slice(index + 1).find((step) => !isAnswered(context, step)) ?? 'summary';
}
