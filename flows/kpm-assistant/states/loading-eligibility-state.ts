import { isLinked } from '../context.js';
import { eligibilityReply } from '../replies/eligibility-reply.js';
import { errorReply } from '../replies/simple-replies.js';
import { chatRef, kpmSetup, linkedRecipient } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

/** A linked chat's eligibility. A stale link (null) is dropped and the person verifies again. */
export const loadingEligibilityState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'loadEligibility',
    input: ({ context }) => ({ ...chatRef(context), recipientId: linkedRecipient(context) }),
    onDone: [
      {
        guard: ({ event }) => event.output === null,
        target: 'verification',
        actions: ['forgetRecipient', { type: 'setIntent', params: { intent: 'eligibility' } }],
      },
      {
        target: 'menu.shown',
        actions: {
          type: 'reply',
          params: ({ context, event }) =>
            event.output ? eligibilityReply(event.output, false) : errorReply(isLinked(context)),
        },
      },
    ],
    onError: onEffectError,
  },
});
