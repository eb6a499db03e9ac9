import { askNikReply, invalidNikReply, nikTroubleReply } from '../../replies/verification-replies.js';
import { smallTalkReply } from '../../replies/simple-replies.js';
import { smallTalkOf } from '../../read-small-talk.js';
import { kpmSetup, reply } from '../../setup.js';
import { nikProblemOf } from './nik-problem-of.js';

const retype = () => ({ lines: [{ key: 'nik.retype' }] });

/** Waiting for a NIK; each wrong one is explained, and after a few the person is offered help. */
export const askingNikState = kpmSetup.createStateConfig({
  entry: reply((context) => askNikReply(context.intent)),
  on: {
    TEXT: [
      { guard: 'validNik', target: 'checkingNik', actions: 'rememberNik' },
      // "ok", "terima kasih": not a wrong NIK, so not counted as one.
      {
        guard: 'smallTalk',
        actions: { type: 'reply', params: ({ event }) => smallTalkReply(smallTalkOf(event.text) ?? 'yes', [{ key: 'nik.retype' }]) },
      },
      // "mau lapor bantuan disunat" while a NIK is asked: that request, not a wrong NIK.
      { guard: 'asksTopic', target: '#kpm-assistant.informing', actions: { type: 'setTopic', params: {} } },
      {
        guard: 'invalidNikLimitReached',
        target: 'nikTrouble',
        actions: ['countInvalidNik', { type: 'reply', params: ({ event }) => nikTroubleReply(nikProblemOf(event)) }],
      },
      {
        actions: [
          'countInvalidNik',
          {
            type: 'reply',
            params: ({ event }) => {
              const problem = nikProblemOf(event);
              return problem ? invalidNikReply(problem) : retype();
            },
          },
        ],
      },
    ],
    // An old button pressed while a NIK is expected: ask for the NIK again.
    CHOICE: { actions: reply(retype) },
  },
});
