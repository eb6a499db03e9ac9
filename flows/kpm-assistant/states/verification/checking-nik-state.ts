import { chatWithLink, kpmSetup } from '../../setup.js';
import { onEffectError } from '../on-effect-error.js';
import { onVerifyOutcome } from './verify-outcome.js';

/** First verifyIdentity call, without a name: the phone may already prove who this is. */
export const checkingNikState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'verifyIdentity',
    input: ({ context }) => ({ ...chatWithLink(context), nik: context.nik ?? '' }),
    onDone: [{ guard: ({ event }) => event.output.outcome === 'need-name', target: 'askingName' }, ...onVerifyOutcome()],
    onError: onEffectError,
  },
});
