import { choiceIds } from '../../choice-ids.js';
import { choicesOf } from '../../prompts.js';
import { chooseAgainReply } from '../../replies/simple-replies.js';
import { nikTroubleReply } from '../../replies/verification-replies.js';
import { kpmSetup, reply } from '../../setup.js';
import { nikProblemOf } from './nik-problem-of.js';

const chooseAgain = () => chooseAgainReply(choicesOf('nikTrouble', false));

/** After several wrong NIKs: 1 try again, 2 help, 3 menu — or simply type a correct NIK. */
export const nikTroubleState = kpmSetup.createStateConfig({
  on: {
    TEXT: [
      { guard: 'validNik', target: 'checkingNik', actions: 'rememberNik' },
      {
        guard: { type: 'picked', params: { prompt: 'nikTrouble', id: choiceIds.retry } },
        target: 'askingNik',
        actions: 'resetInvalidNiks',
      },
      {
        guard: { type: 'picked', params: { prompt: 'nikTrouble', id: choiceIds.help } },
        actions: kpmSetup.raise({ type: 'HELP' }),
      },
      {
        guard: { type: 'picked', params: { prompt: 'nikTrouble', id: choiceIds.menu } },
        actions: kpmSetup.raise({ type: 'MENU' }),
      },
      // Another wrong NIK: still say what is wrong with it.
      { guard: 'typedDigits', actions: { type: 'reply', params: ({ event }) => nikTroubleReply(nikProblemOf(event)) } },
      { actions: reply(chooseAgain) },
    ],
    // Help and menu buttons arrive as HELP/MENU (see toFlowEvent); only retry is left here.
    CHOICE: [
      {
        guard: { type: 'picked', params: { prompt: 'nikTrouble', id: choiceIds.retry } },
        target: 'askingNik',
        actions: 'resetInvalidNiks',
      },
      { actions: reply(chooseAgain) },
    ],
  },
});
