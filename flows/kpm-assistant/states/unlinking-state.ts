import { unlinkedReply } from '../replies/simple-replies.js';
import { chatRef, kpmSetup, reply } from '../setup.js';
import { onEffectError } from './on-effect-error.js';

/** "Keluar": forget the chat's link to its recipient, then confirm. */
export const unlinkingState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'unlinkChat',
    input: ({ context }) => chatRef(context),
    onDone: { target: 'menu.shown', actions: ['forgetRecipient', reply(() => unlinkedReply())] },
    onError: onEffectError,
  },
});
