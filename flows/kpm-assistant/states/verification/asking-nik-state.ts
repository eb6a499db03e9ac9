import { askNikReply, invalidNikReply, nikTroubleReply } from '../../replies/verification-replies.js';
import { kpmSetup, reply } from '../../setup.js';
import { nikProblemOf } from './nik-problem-of.js';

const retype = () => ({ lines: [{ key: 'nik.retype' }] });

/** Waiting for a NIK; each wrong one is explained, and after a few the person is offered help. */
export const askingNikState = kpmSetup.createStateConfig({
  entry: reply((context) => askNikReply(context.intent)),
  on: {
    TEXT: [
      { guard: 'validNik', target: 'checkingNik', actions: 'rememberNik' },
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
