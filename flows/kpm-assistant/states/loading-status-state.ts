import { isLinked } from '../context.js';
import { errorReply } from '../replies/simple-replies.js';
import { statusReply } from '../replies/status-reply.js';
import { chatRef, kpmSetup, linkedRecipient } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

/** A linked chat's disbursement status. A stale link (null) is dropped and the person verifies again. */
export const loadingStatusState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'loadStatus',
    input: ({ context }) => ({ ...chatRef(context), recipientId: linkedRecipient(context) }),
    onDone: [
      {
        guard: ({ event }) => event.output === null,
        target: 'verification',
        actions: ['forgetRecipient', { type: 'setIntent', params: { intent: 'status' } }],
      },
      {
        target: 'menu.shown',
        actions: {
          type: 'reply',
          params: ({ context, event }) => (event.output ? statusReply(event.output) : errorReply(isLinked(context))),
        },
      },
    ],
    onError: onEffectError,
  },
});
