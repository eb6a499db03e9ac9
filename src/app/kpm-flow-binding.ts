import type { KpmContext } from '../../flows/kpm-assistant/context.js';
import type { ContextFacts, FlowInput, ReplySpec } from '../../flows/kpm-assistant/contract.js';
import { KPM_ASSISTANT_VERSION, kpmAssistantMachine } from '../../flows/kpm-assistant/machine.js';
import { toFlowEvent } from '../../flows/kpm-assistant/to-flow-event.js';
import type { ReplySpec as ReportReplySpec } from '../../flows/progress-report/contract.js';
import { progressReportMachine } from '../../flows/progress-report/machine.js';
import { createReportEffects, type ReportEffectsConfig } from '../business-reports/chat/create-report-effects.js';
import type { FlowBinding } from '../engine/flow-binding.js';
import { turnScopeOf } from '../engine/turn-scope.js';
import { createKpmEffects, type KpmEffectsConfig } from '../kpm-effects/create-kpm-effects.js';

/** No business-report photos or late reports unless the composition root says so. */
const DEFAULT_REPORT_CONFIG: ReportEffectsConfig = { lateUntilDay: 10, photos: null };

/**
 * Binds the KPM assistant flow to the engine: its effects run on the turn's transaction. The
 * business report is the assistant's invoked child; its effects are supplied here too. Build it
 * once per process.
 */
export function kpmFlowBinding(config: KpmEffectsConfig & { report?: ReportEffectsConfig }): FlowBinding {
  const report = config.report ?? { ...DEFAULT_REPORT_CONFIG, ...(config.now ? { now: config.now } : {}) };
  return {
    machineId: kpmAssistantMachine.id,
    machineVersion: KPM_ASSISTANT_VERSION,
    // Provided once: each turn's scope is found through the actor system (turn-scope.ts).
    machine: kpmAssistantMachine.provide({
      actions: {
        reply: ({ context, system }, params: ReplySpec) => turnScopeOf(system).emit({ spec: params, language: context.language }),
      },
      actors: {
        ...createKpmEffects(config),
        progressReport: progressReportMachine.provide({
          actions: {
            reply: ({ context, system }, params: ReportReplySpec) => turnScopeOf(system).emit({ spec: params, language: context.language }),
          },
          actors: createReportEffects(report),
        }),
      },
    }),
    input: (message, carried): FlowInput => ({
      channel: message.channel,
      chatId: message.chatId,
      language: carried.language === 'en' ? 'en' : 'id',
      recipientId: carried.recipientId,
    }),
    toEvent: (content) => toFlowEvent(content),
    idleResetEvent: { type: 'IDLE_RESET' },
    // The NIK typed while the name is still to come is the only personal datum the context holds.
    secretContextFields: ['nik'] satisfies Array<keyof KpmContext>,
    // A business report under way holds figures, problems and photo keys: its snapshot is sealed whole.
    secretChildren: ['progressReport'],
    failureReply: { lines: [{ key: 'common.error' }, { key: 'unsupported.next' }] } satisfies ReplySpec,
    facts: (context) => {
      const facts = context as ContextFacts;
      return { language: facts.language, recipientId: facts.recipientId };
    },
  };
}

