import { choiceIds } from '../choice-ids.js';
import { choicesOf } from '../prompts.js';
import { chooseAgainReply } from '../replies/simple-replies.js';
import { kpmSetup, reply } from '../setup.js';

function onRejectedInput() {
  return [
    {
      guard: { type: 'picked', params: { prompt: 'rejected', id: choiceIds.retry } },
      target: 'verification',
    },
    { guard: { type: 'picked', params: { prompt: 'rejected', id: choiceIds.menu } }, actions: kpmSetup.raise({ type: 'MENU' }) },
    // Trying again by simply typing the NIK works too (the gate is still asked first).
    { guard: 'validNik', target: 'verification', actions: 'rememberNik' },
    { actions: reply(() => chooseAgainReply(choicesOf('rejected', false))) },
  ] as const;
}

/** After a rejection (attempts left): try again or go to the menu. The NIK is already forgotten. */
export const rejectedState = kpmSetup.createStateConfig({
  on: { TEXT: onRejectedInput(), CHOICE: onRejectedInput() },
});
