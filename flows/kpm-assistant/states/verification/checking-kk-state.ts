import { readKk } from '../../read-kk.js';
import { chatWithLink, kpmSetup } from '../../setup.js';
import { onEffectError } from '../on-effect-error.js';
import { onVerifyOutcome } from './verify-outcome.js';

/** verifyIdentity with the KK number, the second factor offered while name checks are slowed. */
export const checkingKkState = kpmSetup.createStateConfig({
  tags: 'busy',
  invoke: {
    src: 'verifyIdentity',
    // Read from the event, never stored in context.
    input: ({ context, event }) => ({
      ...chatWithLink(context),
      nik: context.nik ?? '',
      kk: (event.type === 'TEXT' ? readKk(event.text) : null) ?? '',
    }),
    // Neither 'need-name' nor 'slowed' answers a KK check: treat them as a fault.
    onDone: [...onVerifyOutcome({ offerKk: false }), onEffectError],
    onError: onEffectError,
  },
});
