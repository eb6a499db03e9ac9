import { expect, onTestFinished } from 'vitest';
import { createActor, fromPromise, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import type {
  SetRemindersInput,
  SetRemindersOutput,
  ContactView,
  EligibilitySummary,
  EraseChatDataInput,
  FlowEvent,
  FlowInput,
  Language,
  LoadContactInput,
  LoadContactOutput,
  LoadEligibilityInput,
  LoadEligibilityOutput,
  LoadStatusInput,
  LoadStatusOutput,
  ReplySpec,
  StatusView,
  UnlinkInput,
  VerificationGateInput,
  VerificationGateOutput,
  VerifyIdentityInput,
  VerifyIdentityOutput,
} from '../../../flows/kpm-assistant/contract.js';
import { kpmAssistantMachine } from '../../../flows/kpm-assistant/machine.js';
import { toFlowEvent } from '../../../flows/kpm-assistant/to-flow-event.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { renderReply } from '../../../src/i18n/render-reply.js';
import { settleActorTree } from '../../../src/engine/settle-actor-tree.js';

/** A valid Banten NIK (Kab. Serang, born 15 Aug 1985, serial 0001). */
export const VALID_NIK = '3604011508850001';

export const SUMMARY: EligibilitySummary = {
  recipientId: 42,
  maskedName: 'S*** A*****',
  village: 'Cikande',
  district: 'Cikande',
  regency: 'Kab. Serang',
  enrolments: [
    {
      programCode: 'UEP',
      programName: { id: 'Usaha Ekonomi Produktif', en: 'Productive Economic Enterprise' },
      currentStage: { id: 'Barang diterima', en: 'Goods received' },
      currentStageOn: '2020-12-14',
    },
  ],
};

/** A regency's contact, as operators import it (fictional numbers). */
export const CONTACT: ContactView = {
  name: 'Dinas Sosial Kabupaten Serang',
  phone: '0254-000-0002',
  whatsapp: '0811-0000-9002',
  address: 'Jl. Contoh No. 2, Serang',
};

/** A lock or slowdown end as the effects give it: local wall-clock time with the offset. */
export const UNTIL = '2026-11-28T09:15+07:00';

export const STATUS: StatusView = {
  recipientId: 42,
  maskedName: 'S*** A*****',
  programs: [
    {
      programCode: 'PROKUS',
      programName: { id: 'Program Kewirausahaan Sosial', en: 'Social Entrepreneurship Program' },
      reached: [
        {
          label: { id: 'Stimulan disalurkan', en: 'Stimulus paid' },
          on: '2021-03-02',
          amount: 500000,
          channel: 'Bank BRI',
          place: 'Unit Cikande',
          note: null,
        },
        {
          label: { id: 'Lolos seleksi modal usaha', en: 'Selected for business capital' },
          on: '2021-06-10',
          amount: null,
          channel: null,
          place: null,
          note: 'Bimtek 20 Juni',
        },
      ],
      next: { id: 'Modal usaha disalurkan', en: 'Business capital paid' },
    },
    {
      programCode: 'UEP',
      programName: { id: 'Usaha Ekonomi Produktif', en: 'Productive Economic Enterprise' },
      reached: [
        { label: { id: 'Barang diterima', en: 'Goods received' }, on: '2020-12-14', amount: 2500000, channel: null, place: 'Kantor Desa Cikande', note: null },
      ],
      next: null,
    },
  ],
};

/** One reply as the flow emitted it, with the language it had then and its rendered text. */
export interface RecordedReply {
  spec: ReplySpec;
  language: Language;
  text: string;
  choiceLabels: string[];
  keys: string[];
}

type Fn<I, O> = (input: I) => O | Promise<O>;

export interface Fakes {
  verificationGate: Fn<VerificationGateInput, VerificationGateOutput>;
  verifyIdentity: Fn<VerifyIdentityInput, VerifyIdentityOutput>;
  loadEligibility: Fn<LoadEligibilityInput, LoadEligibilityOutput>;
  loadStatus: Fn<LoadStatusInput, LoadStatusOutput>;
  unlinkChat: Fn<UnlinkInput, void>;
  loadContact: Fn<LoadContactInput, LoadContactOutput>;
  eraseChatData: Fn<EraseChatDataInput, void>;
  setReminders: Fn<SetRemindersInput, SetRemindersOutput>;
}

const t = createTranslator();

/** Every key a reply uses, so tests can assert on keys without depending on wording. */
function keysOf(spec: ReplySpec): string[] {
  return [...spec.lines.map((line) => line.key), ...(spec.choices ?? []).map((choice) => choice.key)];
}

/**
 * The machine with recording fakes for every effect. By default: the gate is open, the phone
 * factor verifies, linked loads succeed, the contact is CONTACT. Override any fake per test.
 */
export function startAssistant(
  options: { fakes?: Partial<Fakes>; input?: Partial<FlowInput>; snapshot?: unknown; progressReport?: AnyStateMachine } = {},
) {
  const calls = {
    verificationGate: [] as VerificationGateInput[],
    verifyIdentity: [] as VerifyIdentityInput[],
    loadEligibility: [] as LoadEligibilityInput[],
    loadStatus: [] as LoadStatusInput[],
    unlinkChat: [] as UnlinkInput[],
    loadContact: [] as LoadContactInput[],
    eraseChatData: [] as EraseChatDataInput[],
    setReminders: [] as SetRemindersInput[],
  };
  const fakes: Fakes = {
    verificationGate: () => ({ locked: false }),
    verifyIdentity: () => ({ outcome: 'verified', summary: SUMMARY }),
    loadEligibility: () => SUMMARY,
    loadStatus: () => STATUS,
    unlinkChat: () => undefined,
    loadContact: () => CONTACT,
    eraseChatData: () => undefined,
    // Nobody has stopped reminders: MULAI is then just the menu.
    setReminders: () => ({ changed: false }),
    ...options.fakes,
  };
  const replies: RecordedReply[] = [];
  const missingKeys: string[] = [];

  const machine = kpmAssistantMachine.provide({
    actions: {
      reply: ({ context }, spec: ReplySpec) => {
        const content = renderReply(spec, context.language, t);
        if (content.kind !== 'text') throw new Error('the flow only sends text');
        // i18next answers a missing key with the key itself: catch that in every test.
        for (const key of keysOf(spec)) if (content.text.includes(key) || content.choices?.some((c) => c.label.endsWith(key))) missingKeys.push(key);
        replies.push({
          spec,
          language: context.language,
          text: content.text,
          choiceLabels: (content.choices ?? []).map((choice) => choice.label),
          keys: keysOf(spec),
        });
      },
    },
    actors: {
      verificationGate: fromPromise(async ({ input }: { input: VerificationGateInput }) => {
        calls.verificationGate.push(input);
        return fakes.verificationGate(input);
      }),
      verifyIdentity: fromPromise(async ({ input }: { input: VerifyIdentityInput }) => {
        calls.verifyIdentity.push(input);
        return fakes.verifyIdentity(input);
      }),
      loadEligibility: fromPromise(async ({ input }: { input: LoadEligibilityInput }) => {
        calls.loadEligibility.push(input);
        return fakes.loadEligibility(input);
      }),
      loadStatus: fromPromise(async ({ input }: { input: LoadStatusInput }) => {
        calls.loadStatus.push(input);
        return fakes.loadStatus(input);
      }),
      unlinkChat: fromPromise(async ({ input }: { input: UnlinkInput }) => {
        calls.unlinkChat.push(input);
        return fakes.unlinkChat(input);
      }),
      loadContact: fromPromise(async ({ input }: { input: LoadContactInput }) => {
        calls.loadContact.push(input);
        return fakes.loadContact(input);
      }),
      eraseChatData: fromPromise(async ({ input }: { input: EraseChatDataInput }) => {
        calls.eraseChatData.push(input);
        return fakes.eraseChatData(input);
      }),
      setReminders: fromPromise(async ({ input }: { input: SetRemindersInput }) => {
        calls.setReminders.push(input);
        return fakes.setReminders(input);
      }),
      // The business-report child flow, with its own fakes (test/flows/progress-report/harness.ts).
      ...(options.progressReport ? { progressReport: options.progressReport as never } : {}),
    },
  });

  // Every reply in every test must render fully: a missing translation fails the test.
  onTestFinished(() => expect(missingKeys, 'keys without a translation').toEqual([]));

  const input: FlowInput = { channel: 'whatsapp', chatId: '628123456789', ...options.input };
  const actor = options.snapshot
    ? createActor(machine, { snapshot: options.snapshot as SnapshotFrom<typeof machine>, input })
    : createActor(machine, { input });
  actor.start();

  /** Sends an event, waits until no effect runs, returns the replies it caused. */
  async function send(event: FlowEvent): Promise<RecordedReply[]> {
    const before = replies.length;
    actor.send(event);
    // Waits for child flows' effects too (the progress report is an invoked child).
    await settleActorTree(actor, 2_000);
    return replies.slice(before);
  }

  return {
    actor,
    calls,
    replies,
    missingKeys,
    send,
    /** What a person types, through the same `toFlowEvent` the engine uses. */
    say: (text: string) => send(toFlowEvent({ kind: 'text', text })),
    /** A button tap. */
    tap: (choiceId: string) => send(toFlowEvent({ kind: 'choice', choiceId })),
    state: () => actor.getSnapshot().value,
    context: () => actor.getSnapshot().context,
    matches: (path: string) => actor.getSnapshot().matches(path as never),
    /** The one reply a step produced (fails when there were none or several). */
    last: () => {
      const reply = replies.at(-1);
      if (!reply) throw new Error('no reply yet');
      return reply;
    },
  };
}

export type Assistant = ReturnType<typeof startAssistant>;

/** Exactly one reply, for steps that must answer once. */
export function only(replies: RecordedReply[]): RecordedReply {
  if (replies.length !== 1) throw new Error(`expected exactly one reply, got ${replies.length}: ${JSON.stringify(replies.map((r) => r.keys))}`);
  return replies[0] as RecordedReply;
}

/** A deferred promise, to hold an effect open mid-step. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const MENU_IDS_UNLINKED = ['eligibility', 'status', 'help', 'language'];
export const MENU_IDS_LINKED = [...MENU_IDS_UNLINKED, 'logout', 'reportBusiness'];
export const choiceIdsOf = (reply: RecordedReply) => (reply.spec.choices ?? []).map((choice) => choice.id);
