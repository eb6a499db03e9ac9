import { isLinked } from '../context.js';
import { errorReply } from '../replies/simple-replies.js';
import { reply } from '../setup.js';

/** Any failed effect: a short apology and the menu, so nobody is left stuck in a busy state. */
export const onEffectError = {
  target: '#kpm-assistant.menu.shown',
  actions: reply((context) => errorReply(isLinked(context))),
} as const;
