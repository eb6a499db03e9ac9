import type { ReportEvent } from '../../progress-report/contract.js';
import { isLinked } from '../context.js';
import { menuReply } from '../replies/menu-reply.js';
import { chatRef, kpmSetup, linkedRecipient, reply } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

/** Hands the event to the report under way (the child reads the same shapes). */
const forward = kpmSetup.sendTo('progressReport', ({ event }) => event as ReportEvent);

const NOT_SENT = { key: 'progress:notSent' } as const;

/** Questions of the report that offer "berhenti" / "stop" as an answer: the business has stopped; go on or stop? */
const STOP_IS_AN_ANSWER: ReadonlySet<string> = new Set(['status', 'resume']);

/** The question the report under way is at (read from the child's snapshot). */
function reportStep(self: { getSnapshot(): { children: Record<string, unknown> } }): string | undefined {
  const child = self.getSnapshot().children['progressReport'] as { getSnapshot(): { context?: { step?: string } } } | undefined;
  return child?.getSnapshot().context?.step;
}

/**
 * The bare "berhenti" / "stop" answers the report where its question offers it; anywhere else
 * it is BERHENTI, raised again without the word so the next transition takes it.
 */
const stopWord = kpmSetup.enqueueActions(({ event, self, enqueue }) => {
  if (event.type !== 'REMINDERS' || event.word === undefined) return;
  if (STOP_IS_AN_ANSWER.has(reportStep(self) ?? '')) enqueue.sendTo('progressReport', { type: 'TEXT', text: event.word } satisfies ReportEvent);
  else enqueue.raise({ type: 'REMINDERS', on: false });
});

/**
 * A linked KPM's monthly business report, run by the invoked child flow (persisted with this
 * snapshot). "Batal" and "menu" end it unsent and say so; "bantuan" and a named language stay
 * in it; "bahasa", "keluar", "hapus data saya", BERHENTI and MULAI leave it, saying it was not
 * sent (the bare "berhenti" / "stop" is an answer where the question offers it: see `stopWord`);
 * the idle timeout is the child's to handle (it keeps the answers and asks whether to go on).
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
    REMINDERS: [
      { guard: ({ event }) => event.word !== undefined, actions: stopWord },
      { guard: ({ event }) => !event.on, target: 'stoppingReminders', actions: reply(() => ({ lines: [NOT_SENT] })) },
      { target: 'resumingReminders', actions: reply(() => ({ lines: [NOT_SENT] })) },
    ],
  },
});
