import { and, stateIn } from 'xstate';
import { initialContext, isLinked } from './context.js';
import { menuReply } from './replies/menu-reply.js';
import {
  busyReply,
  cancelledReply,
  languageChangedReply,
  notLinkedReply,
  salamReply,
  sessionRestartedReply,
  unsupportedReply,
} from './replies/simple-replies.js';
import { kpmSetup, reply } from './setup.js';
import { choosingLanguageState } from './states/choosing-language-state.js';
import { informingState } from './states/informing-state.js';
import { erasingState } from './states/erasing-state.js';
import { loadingEligibilityState } from './states/loading-eligibility-state.js';
import { loadingStatusState } from './states/loading-status-state.js';
import { menuState } from './states/menu-state.js';
import { rejectedState } from './states/rejected-state.js';
import { routingState } from './states/routing-state.js';
import { resumingRemindersState, stoppingRemindersState } from './states/setting-reminders-state.js';
import { unlinkingState } from './states/unlinking-state.js';
import { verificationState } from './states/verification/verification-state.js';

/** Stored beside every persisted snapshot; bump it when states or context change shape. */
export const KPM_ASSISTANT_VERSION = 2;

/**
 * The KPM assistant: a menu hub (cek data, status bantuan, tanya jawab, bahasa, keluar) with
 * identity verification before any disclosure. Effects are named placeholders; the engine
 * supplies them with `kpmAssistantMachine.provide(...)`. States running an effect carry the
 * tag 'busy'.
 *
 * Global commands live here at the root, so they work at every step; child states only read
 * TEXT and CHOICE.
 */
export const kpmAssistantMachine = kpmSetup.createMachine({
  id: 'kpm-assistant',
  context: ({ input }) => initialContext(input),
  initial: 'menu',
  on: {
    MENU: [
      {
        guard: ({ event }) => event.reason === 'salam',
        target: '.menu.shown',
        actions: reply((context) => salamReply(isLinked(context))),
      },
      // "Batal" at the menu: nothing was under way, and saying "cancelled" would be untrue.
      {
        guard: and([({ event }) => event.reason === 'cancel', stateIn('#kpm-assistant.menu')]),
        target: '.menu.shown',
        actions: reply((context) => cancelledReply(isLinked(context), false)),
      },
      {
        guard: ({ event }) => event.reason === 'cancel',
        target: '.menu.shown',
        actions: reply((context) => cancelledReply(isLinked(context), true)),
      },
      { target: '.menu.shown', actions: reply((context) => menuReply(isLinked(context))) },
    ],
    HELP: { target: '.informing', actions: { type: 'setTopic', params: { topic: 'faq' } } },
    LANGUAGE: [
      {
        guard: 'namesLanguage',
        target: '.menu.shown',
        // setLanguage runs first, so the confirmation is already in the new language.
        actions: ['setLanguage', reply((context) => languageChangedReply(isLinked(context)))],
      },
      { target: '.choosingLanguage' },
    ],
    LOGOUT: [{ guard: 'isLinked', target: '.unlinking' }, { target: '.menu.shown', actions: reply(() => notLinkedReply()) }],
    ERASE: { target: '.erasing' },
    REMINDERS: [{ guard: ({ event }) => !event.on, target: '.stoppingReminders' }, { target: '.resumingReminders' }],
    // The message that follows is answered from a fresh menu; at the menu already, say nothing.
    IDLE_RESET: [
      { guard: stateIn('#kpm-assistant.menu'), target: '.menu.unseen' },
      { target: '.menu.unseen', actions: reply(() => sessionRestartedReply()) },
    ],
    IMAGE: { actions: reply(() => unsupportedReply('image')) },
    LOCATION: { actions: reply(() => unsupportedReply('location')) },
    UNSUPPORTED: { actions: reply(() => unsupportedReply('other')) },
    // Only reached while an effect runs (every waiting state reads its own input).
    TEXT: { actions: reply(() => busyReply()) },
    CHOICE: { actions: reply(() => busyReply()) },
  },
  states: {
    menu: menuState,
    routing: routingState,
    verification: verificationState,
    rejected: rejectedState,
    loadingEligibility: loadingEligibilityState,
    loadingStatus: loadingStatusState,
    choosingLanguage: choosingLanguageState,
    unlinking: unlinkingState,
    informing: informingState,
    erasing: erasingState,
    stoppingReminders: stoppingRemindersState,
    resumingReminders: resumingRemindersState,
  },
});

export type KpmAssistantMachine = typeof kpmAssistantMachine;
