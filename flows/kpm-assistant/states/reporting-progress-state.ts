import type { ReportEvent } from '../../progress-report/contract.js';
import { isLinked } from '../context.js';
import { menuReply } from '../replies/menu-reply.js';
import { chatRef, kpmSetup, linkedRecipient, reply } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

/** Hands the event to the report under way (the child reads the same shapes). */
const forward = kpmSetup.sendTo('progressReport', ({ event }) => event as ReportEvent);

const NOT_SENT = { key: 'progress:notSent' } as const;

/**
 * A linked KPM's monthly business report, run by the invoked child flow (persisted with this
 * snapshot). "Batal" and "menu" end it unsent and say so; "bantuan" and a named language stay
 * in it; "bahasa", "keluar" and "hapus data saya" leave it, saying it was not sent; the idle
 * timeout is the child's to handle (it keeps the answers and asks whether to go on).
 */
export const reportingProgressState = kpmSetup.createStateConfig({
  invoke: {
    id: 'progressReport',
    src: 'progressReport',
    input: ({ context }) => ({ ...chatRef(context), language: context.language, recipientId: linkedRecipient(context) }),
    onDone: {
      target: 'menu.shown',
      actions: { type: 'reply', params: ({ context, event }) => menuReply(isLinked(context), event.output.lead) },
    },
    onError: onEffectError,
  },
  on: {
    TEXT: { actions: forward },
    CHOICE: { actions: forward },
    IMAGE: { actions: forward },
    LOCATION: { actions: forward },
    UNSUPPORTED: { actions: forward },
    HELP: { actions: forward },
    IDLE_RESET: { actions: forward },
    LANGUAGE: [
      { guard: 'namesLanguage', actions: ['setLanguage', forward] },
      { target: 'choosingLanguage', actions: reply(() => ({ lines: [NOT_SENT] })) },
    ],
    MENU: [
      {
        guard: ({ event }) => event.reason === 'cancel',
        target: 'menu.shown',
        actions: reply((context) => menuReply(isLinked(context), [{ key: 'progress:cancelled' }])),
      },
      { target: 'menu.shown', actions: reply((context) => menuReply(isLinked(context), [NOT_SENT])) },
    ],
    LOGOUT: { target: 'unlinking', actions: reply(() => ({ lines: [NOT_SENT] })) },
    ERASE: { target: 'erasing', actions: reply(() => ({ lines: [NOT_SENT] })) },
  },
});
