import { isLinked } from '../../context.js';
import { lockedReply } from '../../replies/verification-replies.js';
import { chatWithLink, kpmSetup } from '../../setup.js';
import { onEffectError } from '../on-effect-error.js';

/** Is this chat allowed another attempt? Asked before every NIK, so nobody can enumerate NIKs. */
export const checkingGateState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'verificationGate',
    input: ({ context }) => chatWithLink(context),
    onDone: [
      {
        guard: ({ event }) => event.output.locked,
        target: '#kpm-assistant.menu.shown',
        actions: {
          type: 'reply',
          params: ({ context, event }) =>
            event.output.locked ? lockedReply(isLinked(context), event.output.until, event.output.contact) : lockedReply(isLinked(context), '', null),
        },
      },
      // A NIK typed at the menu or after a rejection goes straight to the check.
      { guard: 'hasNik', target: 'checkingNik' },
      { target: 'askingNik' },
    ],
    onError: onEffectError,
  },
});
