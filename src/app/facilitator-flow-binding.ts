import type { FacilitatorContext } from '../../flows/facilitator/context.js';
import type { ReplySpec } from '../../flows/facilitator/contract.js';
import { FACILITATOR_FLOW_VERSION, facilitatorMachine } from '../../flows/facilitator/machine.js';
import { toFacilitatorEvent } from '../../flows/facilitator/to-event.js';
import type { FlowBinding } from '../engine/flow-binding.js';
import { turnScopeOf } from '../engine/turn-scope.js';
import { createFacilitatorEffects, type FacilitatorEffectsConfig } from '../facilitators/facilitator-effects.js';

/** Binds the facilitator flow to the engine: its effects run on the turn's transaction. Build it once per process. */
export function facilitatorFlowBinding(config: FacilitatorEffectsConfig): FlowBinding {
  return {
    machineId: facilitatorMachine.id,
    machineVersion: FACILITATOR_FLOW_VERSION,
    // Provided once: each turn's scope is found through the actor system (turn-scope.ts).
    machine: facilitatorMachine.provide({
      actions: {
        reply: ({ context, system }, params: ReplySpec) => turnScopeOf(system).emit({ spec: params, language: context.language }),
      },
      actors: createFacilitatorEffects(config),
    }),
    input: (message, carried) => ({ channel: message.channel, chatId: message.chatId, language: carried.language === 'en' ? 'en' : 'id' }),
    toEvent: (content) => toFacilitatorEvent(content),
    idleResetEvent: { type: 'IDLE_RESET' },
    failureReply: { lines: [{ key: 'facilitator.error' }] } satisfies ReplySpec,
    facts: (context) => ({ language: (context as FacilitatorContext).language, recipientId: null }),
  };
}
