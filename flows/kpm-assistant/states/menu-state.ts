import { stateIn } from 'xstate';
import { choiceIds } from '../choice-ids.js';
import { isLinked } from '../context.js';
import type { FlowEvent } from '../contract.js';
import { menuReply, unknownMenuReply } from '../replies/menu-reply.js';
import { smallTalkReply } from '../replies/simple-replies.js';
import { smallTalkOf } from '../read-small-talk.js';
import { kpmSetup, reply } from '../setup.js';

/** What a message at the menu leads to (the same for typed text and tapped buttons). */
function onMenuInput() {
  return [
    // "Terima kasih", "ok", "tidak": answer briefly, the menu is still there.
    {
      guard: 'smallTalk',
      target: '.shown',
      actions: {
        type: 'reply',
        params: ({ event }: { event: FlowEvent }) =>
          smallTalkReply(event.type === 'TEXT' ? (smallTalkOf(event.text) ?? 'yes') : 'yes', [{ key: 'smallTalk.menuHint' }]),
      },
    },
    // People often send their NIK straight away ("NIK saya 3604..."): take it as "cek data" with
    // that NIK, before "nik" in the words picks the menu choice. A linked chat may check another
    // NIK too (a family member's); verifying it moves the link there.
    {
      guard: 'validNik',
      target: '#kpm-assistant.verification',
      actions: [{ type: 'setIntent', params: { intent: 'eligibility' } }, 'rememberNik'],
    },
    // "Lapor usaha", "laporan": the monthly business report (before "lapor" reads as a complaint).
    {
      guard: 'asksBusinessReport',
      target: '#kpm-assistant.routing',
      actions: { type: 'setIntent', params: { intent: 'report' } },
    },
    // A request the bot cannot serve itself ("mau lapor bantuan disunat"): a pointer and a contact.
    { guard: 'asksTopic', target: '#kpm-assistant.informing', actions: { type: 'setTopic', params: {} } },
    {
      guard: { type: 'picked', params: { prompt: 'menu', id: choiceIds.eligibility } },
      target: '#kpm-assistant.routing',
      actions: { type: 'setIntent', params: { intent: 'eligibility' } },
    },
    {
      guard: { type: 'picked', params: { prompt: 'menu', id: choiceIds.status } },
      target: '#kpm-assistant.routing',
      actions: { type: 'setIntent', params: { intent: 'status' } },
    },
    // Help, language and logout are global commands: hand them to the root's handlers.
    { guard: { type: 'picked', params: { prompt: 'menu', id: choiceIds.help } }, actions: kpmSetup.raise({ type: 'HELP' }) },
    {
      guard: { type: 'picked', params: { prompt: 'menu', id: choiceIds.language } },
      actions: kpmSetup.raise({ type: 'LANGUAGE' }),
    },
    { guard: { type: 'picked', params: { prompt: 'menu', id: choiceIds.logout } }, actions: kpmSetup.raise({ type: 'LOGOUT' }) },
    {
      guard: { type: 'picked', params: { prompt: 'menu', id: choiceIds.reportBusiness } },
      target: '#kpm-assistant.routing',
      actions: { type: 'setIntent', params: { intent: 'report' } },
    },
    // First words of a new chat: greet rather than apologise.
    {
      guard: stateIn('#kpm-assistant.menu.unseen'),
      target: '.shown',
      actions: reply((context) => menuReply(isLinked(context))),
    },
    { target: '.shown', actions: reply((context) => unknownMenuReply(isLinked(context))) },
  ] as const;
}

/**
 * The hub. `unseen`: nothing shown yet in this session (new chat, or after an idle reset);
 * `shown`: the menu was the last thing sent. Entering it ends any task under way.
 */
export const menuState = kpmSetup.createStateConfig({
  initial: 'unseen',
  entry: 'resetFlow',
  on: { TEXT: onMenuInput(), CHOICE: onMenuInput() },
  states: { unseen: {}, shown: {} },
});
