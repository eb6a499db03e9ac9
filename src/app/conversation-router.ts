import type { FlowBinding } from '../engine/flow-binding.js';
import type { FlowRouter } from '../engine/flow-router.js';
import { interceptLinkCode } from '../facilitators/link-intercept.js';
import { linkedFacilitator, linkedFacilitatorChats, type LinkCodeSettings } from '../facilitators/link-codes.js';
import { readRsvp } from '../mentoring/read-rsvp.js';
import { interceptRsvp } from '../mentoring/rsvp-intercept.js';

export interface ConversationRouterOptions {
  kpm: FlowBinding;
  facilitator: FlowBinding;
  linkCodes: LinkCodeSettings;
  now?: () => Date;
}

/**
 * The engine's router (see src/engine/flow-router.ts): a chat linked to an enabled facilitator
 * account gets the facilitator flow, every other chat the KPM assistant. Before the flow, a
 * linking code is tried from any chat, and in a KPM's chat an answer to a session invitation
 * goes to the RSVP, leaving the conversation where it was.
 */
export function conversationRouter(options: ConversationRouterOptions): FlowRouter {
  const now = options.now ?? (() => new Date());
  return {
    async select(tx, channel, chatId) {
      return (await linkedFacilitator(tx, channel, chatId)) ? options.facilitator : options.kpm;
    },
    async selectMany(tx, chats) {
      const linked = await linkedFacilitatorChats(tx, chats);
      return chats.map(({ channel, chatId }) => (linked.has(`${channel}:${chatId}`) ? options.facilitator : options.kpm));
    },
    async intercept(scope) {
      if (await interceptLinkCode(scope, options.linkCodes, now)) return true;
      // Most messages are no answer at all: they cost no query here. A facilitator's chat has no
      // invitations to answer; the batch already knows whose chat this is.
      if (!readRsvp(scope.message.content)) return false;
      if (scope.flow === options.facilitator) return false;
      return interceptRsvp(scope, now());
    },
  };
}
