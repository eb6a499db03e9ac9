import { and } from 'xstate';
import { kpmSetup } from '../setup.js';

/** Where a request goes: a linked chat loads at once; anyone else proves who they are first. */
export const routingState = kpmSetup.createStateConfig({
  always: [
    { guard: and(['isLinked', 'wantsStatus']), target: 'loadingStatus' },
    { guard: and(['isLinked', 'wantsReport']), target: 'reportingProgress' },
    { guard: 'isLinked', target: 'loadingEligibility' },
    { target: 'verification' },
  ],
});
