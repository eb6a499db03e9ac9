import { isLinked } from '../context.js';
import { menuReply } from '../replies/menu-reply.js';
import { remindersResumedReply, remindersStoppedReply } from '../replies/reminder-replies.js';
import { chatRef, kpmSetup, reply } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

/** BERHENTI at any step: reminders and broadcasts stop; the confirmation says how to resume. */
export const stoppingRemindersState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'setReminders',
    input: ({ context }) => ({ ...chatRef(context), optedOut: true }),
    onDone: { target: 'menu.shown', actions: reply(() => remindersStoppedReply()) },
    onError: onEffectError,
  },
});

/** MULAI: reminders resume. From someone who never stopped it is just the menu ("mulai" also means "start"). */
export const resumingRemindersState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'setReminders',
    input: ({ context }) => ({ ...chatRef(context), optedOut: false }),
    onDone: [
      { guard: ({ event }) => event.output.changed, target: 'menu.shown', actions: reply((context) => remindersResumedReply(isLinked(context))) },
      { target: 'menu.shown', actions: reply((context) => menuReply(isLinked(context))) },
    ],
    onError: onEffectError,
  },
});
