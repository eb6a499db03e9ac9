import { isLinked } from '../context.js';
import type { FlowEvent } from '../contract.js';
import { matchChoice, type ChoiceOption } from '../match-choice.js';
import { ERASE_CHOICES, confirmEraseReply, eraseCancelledReply, erasedReply } from '../replies/erase-replies.js';
import { chooseAgainReply } from '../replies/simple-replies.js';
import { chatRef, kpmSetup, reply } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

const OPTIONS: readonly ChoiceOption[] = [
  { id: ERASE_CHOICES.yes.id, words: ['ya', 'iya', 'yes', 'y', 'hapus', 'setuju', 'lanjut', 'boleh', 'yakin'] },
  { id: ERASE_CHOICES.no.id, words: ['tidak', 'tdk', 'no', 'jangan', 'gak', 'ga', 'nggak', 'enggak', 'engga', 'tak', 'urung'] },
];

const answered = (id: string) => ({ event }: { event: FlowEvent }) => matchChoice(event, OPTIONS) === id;

function onAnswer() {
  return [
    { guard: answered(ERASE_CHOICES.yes.id), target: 'working' },
    { guard: answered(ERASE_CHOICES.no.id), target: '#kpm-assistant.menu.shown', actions: reply((context) => eraseCancelledReply(isLinked(context))) },
    { actions: reply(() => chooseAgainReply(confirmEraseReply().choices ?? [])) },
  ] as const;
}

/**
 * "Hapus data saya": asks first (1 Ya / 2 Tidak), then erases this chat's stored data through
 * the `eraseChatData` effect and unlinks the chat. Any global command (MENU, "batal") leaves
 * without erasing anything.
 */
export const erasingState = kpmSetup.createStateConfig({
  initial: 'confirming',
  states: {
    confirming: {
      entry: reply(() => confirmEraseReply()),
      on: { TEXT: onAnswer(), CHOICE: onAnswer() },
    },
    working: {
      tags: 'busy',
      invoke: {
        src: 'eraseChatData',
        input: ({ context }) => chatRef(context),
        onDone: { target: '#kpm-assistant.menu.shown', actions: ['forgetRecipient', reply(() => erasedReply())] },
        onError: onEffectError,
      },
    },
  },
});
