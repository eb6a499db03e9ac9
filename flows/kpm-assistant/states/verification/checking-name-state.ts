import { readName } from '../../read-name.js';
import { chatWithLink, kpmSetup } from '../../setup.js';
import { onEffectError } from '../on-effect-error.js';
import { onVerifyOutcome } from './verify-outcome.js';

/** Second verifyIdentity call, with the name from the message that entered this state. */
export const checkingNameState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'verifyIdentity',
    // The name is read from the event, never stored in context.
    input: ({ context, event }) => {
      const reading = event.type === 'TEXT' ? readName(event.text) : null;
      return { ...chatWithLink(context), nik: context.nik ?? '', name: reading?.ok ? reading.name : '' };
    },
    // 'need-name' again, after a name was given, has no sensible answer: treat it as a fault.
    onDone: [...onVerifyOutcome(), onEffectError],
    onError: onEffectError,
  },
});
