import { assign, fromPromise, setup } from 'xstate';
import { isLinked, type KpmContext } from './context.js';
import type {
  ChatRef,
  EraseChatDataInput,
  FlowEvent,
  FlowInput,
  LoadContactInput,
  LoadContactOutput,
  LoadEligibilityInput,
  LoadEligibilityOutput,
  LoadStatusInput,
  LoadStatusOutput,
  ReplySpec,
  SetRemindersInput,
  SetRemindersOutput,
  UnlinkInput,
  VerificationGateInput,
  VerificationGateOutput,
  VerifyIdentityInput,
  VerifyIdentityOutput,
} from './contract.js';
import { matchChoice } from './match-choice.js';
import { promptOptions, type PromptName } from './prompts.js';
import { readKk } from './read-kk.js';
import { readName } from './read-name.js';
import { readNik } from './read-nik.js';
import { smallTalkOf } from './read-small-talk.js';
import { topicOf, type Topic } from './read-topic.js';

/** Invalid NIKs in a row before the flow stops asking and offers help instead. */
export const MAX_INVALID_NIK_ENTRIES = 3;

// Effects are named here and supplied by the engine (or a test) with `machine.provide(...)`.
// The placeholders fail loudly: a forgotten effect must not look like a silent bot.
function notProvided(name: string): Error {
  return new Error(`kpm-assistant: effect "${name}" not provided`);
}


/** The chat an effect acts for. */
export function chatRef(context: KpmContext): ChatRef {
  return { channel: context.channel, chatId: context.chatId };
}

/** The chat and its current link (the contact shown depends on it). */
export function chatWithLink(context: KpmContext): ChatRef & { recipientId: number | null } {
  return { ...chatRef(context), recipientId: context.recipientId };
}

/** States that load a linked record are only entered when linked; this keeps that promise checked. */
export function linkedRecipient(context: KpmContext): number {
  if (context.recipientId === null) throw new Error('kpm-assistant: chat is not linked');
  return context.recipientId;
}

export const kpmSetup = setup({
  types: {} as {
    context: KpmContext;
    events: FlowEvent;
    input: FlowInput;
    tags: 'busy';
  },
  actions: {
    reply: (_, _spec: ReplySpec) => {
      throw notProvided('reply');
    },
    resetFlow: assign({ intent: null, nik: null, failedNikEntries: 0, topic: null }),
    /** The topic named in params, else the one the TEXT event asks about. */
    setTopic: assign(({ event }, params: { topic?: Topic }) => ({
      topic: params.topic ?? (event.type === 'TEXT' ? topicOf(event.text) : null),
    })),
    forgetNik: assign({ nik: null }),
    setIntent: assign((_, params: { intent: KpmContext['intent'] }) => ({ intent: params.intent })),
    rememberNik: assign(({ event }) => {
      const reading = event.type === 'TEXT' ? readNik(event.text) : null;
      return { nik: reading?.ok ? reading.nik : null, failedNikEntries: 0 };
    }),
    countInvalidNik: assign(({ context }) => ({ failedNikEntries: context.failedNikEntries + 1 })),
    resetInvalidNiks: assign({ failedNikEntries: 0 }),
    setLanguage: assign(({ context, event }) => ({
      language: event.type === 'LANGUAGE' && event.language ? event.language : context.language,
    })),
    forgetRecipient: assign({ recipientId: null }),
    /** The verify effect has already linked the chat; the context follows. */
    linkRecipient: assign((_, params: { recipientId: number | null }) => ({ recipientId: params.recipientId })),
  },
  actors: {
    verificationGate: fromPromise<VerificationGateOutput, VerificationGateInput>(async () => {
      throw notProvided('verificationGate');
    }),
    verifyIdentity: fromPromise<VerifyIdentityOutput, VerifyIdentityInput>(async () => {
      throw notProvided('verifyIdentity');
    }),
    loadEligibility: fromPromise<LoadEligibilityOutput, LoadEligibilityInput>(async () => {
      throw notProvided('loadEligibility');
    }),
    loadStatus: fromPromise<LoadStatusOutput, LoadStatusInput>(async () => {
      throw notProvided('loadStatus');
    }),
    unlinkChat: fromPromise<void, UnlinkInput>(async () => {
      throw notProvided('unlinkChat');
    }),
    loadContact: fromPromise<LoadContactOutput, LoadContactInput>(async () => {
      throw notProvided('loadContact');
    }),
    eraseChatData: fromPromise<void, EraseChatDataInput>(async () => {
      throw notProvided('eraseChatData');
    }),
    setReminders: fromPromise<SetRemindersOutput, SetRemindersInput>(async () => {
      throw notProvided('setReminders');
    }),
  },
  guards: {
    isLinked: ({ context }) => isLinked(context),
    wantsStatus: ({ context }) => context.intent === 'status',
    hasNik: ({ context }) => context.nik !== null,
    /** Does this TEXT/CHOICE pick option `id` of `prompt` (by number, button or words)? */
    picked: ({ context, event }, params: { prompt: PromptName; id: string }) =>
      matchChoice(event, promptOptions(params.prompt, isLinked(context))) === params.id,
    validNik: ({ event }) => event.type === 'TEXT' && readNik(event.text).ok,
    /** Evaluated before the count goes up: true on the entry that reaches the limit. */
    invalidNikLimitReached: ({ context }) => context.failedNikEntries + 1 >= MAX_INVALID_NIK_ENTRIES,
    typedDigits: ({ event }) => event.type === 'TEXT' && /\p{N}/u.test(event.text),
    validName: ({ event }) => event.type === 'TEXT' && readName(event.text).ok,
    validKk: ({ event }) => event.type === 'TEXT' && readKk(event.text) !== null,
    smallTalk: ({ event }) => event.type === 'TEXT' && smallTalkOf(event.text) !== null,
    asksTopic: ({ event }) => event.type === 'TEXT' && topicOf(event.text) !== null,
    namesLanguage: ({ event }) => event.type === 'LANGUAGE' && event.language !== undefined,
  },
});

/** A `reply` action whose spec is computed from the context when it runs. */
export function reply(build: (context: KpmContext) => ReplySpec) {
  return { type: 'reply', params: ({ context }: { context: KpmContext }) => build(context) } as const;
}
