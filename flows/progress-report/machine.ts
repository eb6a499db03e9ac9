import { assign, fromPromise, setup } from 'xstate';
import { photoFailed, photoStored, setupLoaded, submitFailed, submitted, applyAnswer } from './answer.js';
import { initialReportContext, isRunning, type ReportContext } from './context.js';
import type {
  LoadReportSetupInput, LoadReportSetupOutput, ReplySpec, ReportEvent, ReportFlowInput, ReportFlowOutput, StorePhotoInput,
  StorePhotoOutput, SubmitReportInput, SubmitReportOutput,
} from './contract.js';

/**
 * The monthly business progress report ("Lapor perkembangan usaha"), one question at a time.
 *
 * How it composes with the KPM assistant: the assistant INVOKES this machine as a child actor
 * (`invoke: { id: 'progressReport', src: 'progressReport' }` in its `reportingProgress` state)
 * and forwards TEXT, CHOICE, IMAGE, HELP, LANGUAGE and IDLE_RESET to it. The child's snapshot is
 * persisted inside the assistant's snapshot (XState persists invoked children), so a report under
 * way survives between messages and restarts. The engine waits for the child's effects too (see
 * src/engine/run-turn.ts: a turn settles when no actor in the tree carries the 'busy' tag). The
 * parent keeps the global commands: "menu"/"batal" end the report unsent and say so; "bantuan"
 * and a named language stay in the report and ask the same question again; an idle timeout
 * keeps the answers and asks "go on or stop?". When the child ends, its output's `lead` lines
 * come before the parent's menu. Testable alone: effects are named here and supplied with
 * `machine.provide(...)`.
 *
 * The logic is pure functions in answer.ts; this machine only runs effects and sends replies.
 */

function notProvided(name: string): Error {
  return new Error(`progress-report: effect "${name}" not provided`);
}

function chat(context: ReportContext) {
  return { channel: context.channel, chatId: context.chatId, recipientId: context.recipientId };
}

/** The report's facts as stored: a closed business carries no figures. */
export function submission(context: ReportContext): SubmitReportInput {
  const running = isRunning(context);
  return {
    ...chat(context),
    programCode: context.programCode ?? '',
    period: context.period ?? '',
    late: context.late,
    businessStatus: context.businessStatus ?? 'running',
    stopReason: running ? null : context.stopReason,
    stopNote: running ? null : context.stopNote,
    salesAmount: running ? context.salesAmount : null,
    profitAmount: running ? context.profitAmount : null,
    familyWorkers: running ? context.familyWorkers : null,
    paidWorkers: running ? context.paidWorkers : null,
    equipmentUse: running ? context.equipmentUse : null,
    problems: running ? context.problems : null,
    photos: running ? context.photos : [],
  };
}

export const progressReportSetup = setup({
  types: {} as {
    context: ReportContext;
    events: ReportEvent;
    input: ReportFlowInput;
    output: ReportFlowOutput;
    tags: 'busy';
  },
  actions: {
    reply: (_, _spec: ReplySpec) => {
      throw notProvided('reply');
    },
  },
  actors: {
    loadReportSetup: fromPromise<LoadReportSetupOutput, LoadReportSetupInput>(async () => {
      throw notProvided('loadReportSetup');
    }),
    storePhoto: fromPromise<StorePhotoOutput, StorePhotoInput>(async () => {
      throw notProvided('storePhoto');
    }),
    submitReport: fromPromise<SubmitReportOutput, SubmitReportInput>(async () => {
      throw notProvided('submitReport');
    }),
  },
});

/** Sends what the last step computed, one message per reply, then forgets it. */
const sendOutbox = [
  progressReportSetup.enqueueActions(({ context, enqueue }) => {
    for (const spec of context.outbox) enqueue({ type: 'reply', params: spec });
  }),
  progressReportSetup.assign({ outbox: [] }),
];

export const progressReportMachine = progressReportSetup.createMachine({
  id: 'progress-report',
  context: ({ input }) => initialReportContext(input),
  initial: 'loading',
  states: {
    loading: {
      tags: 'busy',
      invoke: {
        src: 'loadReportSetup',
        input: ({ context }) => chat(context),
        onDone: { target: 'deciding', actions: assign(({ context, event }) => setupLoaded(context, event.output)) },
        onError: {
          target: 'done',
          actions: assign({ finish: { outcome: 'failed', lead: [{ key: 'common.error' }] } }),
        },
      },
    },
    // Sends the replies, then goes where the last answer said.
    deciding: {
      entry: sendOutbox,
      always: [
        { guard: ({ context }) => context.next === 'finish', target: 'done' },
        { guard: ({ context }) => context.next === 'storePhoto', target: 'storingPhoto' },
        { guard: ({ context }) => context.next === 'submit', target: 'submitting' },
        { target: 'asking' },
      ],
    },
    asking: {
      on: {
        '*': { target: 'deciding', actions: assign(({ context, event }) => applyAnswer(context, event)) },
      },
    },
    storingPhoto: {
      tags: 'busy',
      invoke: {
        src: 'storePhoto',
        input: ({ context }) => ({ ...chat(context), mediaRef: context.photoRef ?? '', position: context.photos.length + 1 }),
        onDone: { target: 'deciding', actions: assign(({ context, event }) => photoStored(context, event.output)) },
        onError: { target: 'deciding', actions: assign(({ context }) => photoFailed(context)) },
      },
    },
    submitting: {
      tags: 'busy',
      invoke: {
        src: 'submitReport',
        input: ({ context }) => submission(context),
        onDone: { target: 'deciding', actions: assign(({ context, event }) => submitted(context, event.output)) },
        onError: { target: 'deciding', actions: assign(({ context }) => submitFailed(context)) },
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => context.finish ?? { outcome: 'cancelled', lead: [] },
});

export type ProgressReportMachine = typeof progressReportMachine;
