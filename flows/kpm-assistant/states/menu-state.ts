import { and, not, stateIn } from 'xstate';
import { choiceIds } from '../choice-ids.js';
import { isLinked } from '../context.js';
import { menuReply, unknownMenuReply } from '../replies/menu-reply.js';
import { kpmSetup, reply } from '../setup.js';

/** What a message at the menu leads to (the same for typed text and tapped buttons). */
function onMenuInput() {
  return [
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
    // People often send their NIK straight away: take it as "cek kelayakan" with that NIK.
    {
      guard: and(['validNik', not('isLinked')]),
      target: '#kpm-assistant.verification',
      actions: [{ type: 'setIntent', params: { intent: 'eligibility' } }, 'rememberNik'],
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
