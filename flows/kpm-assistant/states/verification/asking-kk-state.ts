import { askKkAgainReply } from '../../replies/verification-replies.js';
import { smallTalkReply } from '../../replies/simple-replies.js';
import { smallTalkOf } from '../../read-small-talk.js';
import { kpmSetup, reply } from '../../setup.js';

/** Waiting for the KK number (16 digits); the slowed reply already asked for it. */
export const askingKkState = kpmSetup.createStateConfig({
  on: {
    TEXT: [
      { guard: 'validKk', target: 'checkingKk' },
      {
        guard: 'smallTalk',
        actions: {
          type: 'reply',
          params: ({ event }) => smallTalkReply(smallTalkOf(event.text) ?? 'yes', [{ key: 'kk.ask' }]),
        },
      },
      { actions: reply(askKkAgainReply) },
    ],
    CHOICE: { actions: reply(askKkAgainReply) },
  },
});
