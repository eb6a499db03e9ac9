import { expect, onTestFinished } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { Language } from '../../../flows/kpm-assistant/contract.js';
import type {
  LoadReportSetupInput, LoadReportSetupOutput, ReplySpec, ReportEvent, ReportFlowInput, StorePhotoInput, StorePhotoOutput,
  SubmitReportInput, SubmitReportOutput,
} from '../../../flows/progress-report/contract.js';
import { progressReportMachine } from '../../../flows/progress-report/machine.js';
import { settleActorTree } from '../../../src/engine/settle-actor-tree.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { renderReply } from '../../../src/i18n/render-reply.js';
import type { RecordedReply } from '../kpm-assistant/harness.js';

const t = createTranslator();

export const NOVEMBER = { period: '2026-11', label: { id: 'November 2026', en: 'November 2026' }, late: false, reportedPrograms: [] as string[] };
export const OCTOBER = { period: '2026-10', label: { id: 'Oktober 2026', en: 'October 2026' }, late: true, reportedPrograms: [] as string[] };
export const UEP = { code: 'UEP', name: { id: 'UEP', en: 'UEP' }, goods: true };
export const PROKUS = { code: 'PROKUS', name: { id: 'Prokus', en: 'Prokus' }, goods: false };

export const ONE_PROGRAM: LoadReportSetupOutput = { programs: [UEP], periods: [NOVEMBER], previous: {} };

type Fn<I, O> = (input: I) => O | Promise<O>;
export interface ReportFakes {
  loadReportSetup: Fn<LoadReportSetupInput, LoadReportSetupOutput>;
  storePhoto: Fn<StorePhotoInput, StorePhotoOutput>;
  submitReport: Fn<SubmitReportInput, SubmitReportOutput>;
}

function keysOf(spec: ReplySpec): string[] {
  return [...spec.lines.map((line) => line.key), ...(spec.choices ?? []).map((choice) => choice.key)];
}

/** Renders a reply as the person reads it, and records keys left untranslated. */
export function recordReply(spec: ReplySpec, language: Language, missingKeys: string[]): RecordedReply {
  const content = renderReply(spec, language, t);
  if (content.kind !== 'text') throw new Error('the flow only sends text');
  for (const key of keysOf(spec)) {
    const bare = key.includes(':') ? key.split(':')[1]! : key;
    if (content.text.includes(bare) || content.choices?.some((choice) => choice.label.endsWith(bare))) missingKeys.push(key);
  }
  return { spec, language, text: content.text, choiceLabels: (content.choices ?? []).map((c) => c.label), keys: keysOf(spec) };
}

/**
 * The progress-report machine with recording fakes; `onReply` receives every reply it sends
 * (by default into the returned `replies`). Used alone, or as the KPM assistant's child.
 */
export function reportMachineWithFakes(overrides: Partial<ReportFakes> = {}, onReply?: (spec: ReplySpec, language: Language) => void) {
  const calls = { loadReportSetup: [] as LoadReportSetupInput[], storePhoto: [] as StorePhotoInput[], submitReport: [] as SubmitReportInput[] };
  const fakes: ReportFakes = {
    loadReportSetup: () => ONE_PROGRAM,
    storePhoto: (input) => ({
      ok: true,
      photo: { position: input.position, mediaKey: `local:${input.position}`, thumbnailKey: `local:t${input.position}`, mimeType: 'image/jpeg', width: 800, height: 600, byteSize: 40_000 },
    }),
    submitReport: () => ({ reference: 'LU-7K3QXD', replaced: false }),
    ...overrides,
  };
  const replies: RecordedReply[] = [];
  const missingKeys: string[] = [];
  onTestFinished(() => expect(missingKeys, 'keys without a translation').toEqual([]));
  const machine = progressReportMachine.provide({
    actions: {
      reply: ({ context }, spec: ReplySpec) => {
        if (onReply) onReply(spec, context.language);
        else replies.push(recordReply(spec, context.language, missingKeys));
      },
    },
    actors: {
      loadReportSetup: fromPromise(async ({ input }: { input: LoadReportSetupInput }) => {
        calls.loadReportSetup.push(input);
        return fakes.loadReportSetup(input);
      }),
      storePhoto: fromPromise(async ({ input }: { input: StorePhotoInput }) => {
        calls.storePhoto.push(input);
        return fakes.storePhoto(input);
      }),
      submitReport: fromPromise(async ({ input }: { input: SubmitReportInput }) => {
        calls.submitReport.push(input);
        return fakes.submitReport(input);
      }),
    },
  });
  return { machine, calls, replies, missingKeys };
}

/** The report flow alone, as a KPM would go through it. */
export async function startReport(overrides: Partial<ReportFakes> = {}, input: Partial<ReportFlowInput> = {}) {
  const { machine, calls, replies } = reportMachineWithFakes(overrides);
  const actor = createActor(machine, { input: { channel: 'telegram', chatId: '42', language: 'id', recipientId: 7, ...input } });
  actor.start();
  await settleActorTree(actor, 2_000);
  async function send(event: ReportEvent): Promise<RecordedReply[]> {
    const before = replies.length;
    actor.send(event);
    await settleActorTree(actor, 2_000);
    return replies.slice(before);
  }
  return {
    actor,
    calls,
    replies,
    send,
    say: (text: string) => send({ type: 'TEXT', text }),
    photo: (mediaRef = 'telegram:file:abc') => send({ type: 'IMAGE', mediaRef }),
    step: () => actor.getSnapshot().context.step,
    done: () => actor.getSnapshot().status === 'done',
    output: () => actor.getSnapshot().output,
    last: () => replies.at(-1)!,
  };
}
