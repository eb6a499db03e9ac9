import { isLinked } from '../context.js';
import { helpReply } from '../replies/help-reply.js';
import { chatWithLink, kpmSetup } from '../setup.js';

/**
 * The FAQ or a pointer for a topic (`context.topic`), with the contact that fits this chat.
 * Without a contact (none set, or the lookup failed) the answer still comes, with a general
 * pointer instead: the person asked for help and must get it.
 */
export const informingState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'loadContact',
    input: ({ context }) => chatWithLink(context),
    onDone: {
      target: 'menu.shown',
      actions: {
        type: 'reply',
        params: ({ context, event }) => helpReply(isLinked(context), context.topic, event.output),
      },
    },
    onError: {
      target: 'menu.shown',
      actions: { type: 'reply', params: ({ context }) => helpReply(isLinked(context), context.topic, null) },
    },
  },
});
