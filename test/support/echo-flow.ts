import { assign, fromPromise, setup } from 'xstate';
import type { OutboundContent } from '../../src/channels/channel-port.js';
import type { FlowBinding } from '../../src/engine/flow-binding.js';
import { turnScopeOf } from '../../src/engine/turn-scope.js';

/**
 * A tiny flow for engine tests: counts the messages of a conversation and answers each with
 * "<count>:<text>". An effect (`slowEcho`) runs for every message so the engine must wait for
 * invoked actors; "idle" resets are answered "reset".
 */
const echoMachine = setup({
  types: {
    context: {} as { count: number; language: string },
    events: {} as { type: 'TEXT'; text: string } | { type: 'IDLE_RESET' },
    input: {} as { language: string },
  },
  actions: {
    reply: (_args, _params: { text: string }) => {},
  },
  actors: {
    slowEcho: fromPromise<string, { text: string }>(async ({ input }) => input.text),
  },
}).createMachine({
  id: 'echo',
  context: ({ input }) => ({ count: 0, language: input.language }),
  initial: 'ready',
  on: {
    IDLE_RESET: { actions: { type: 'reply', params: { text: 'reset' } } },
  },
  states: {
    ready: {
      on: {
        TEXT: { target: 'echoing', actions: assign({ count: ({ context }) => context.count + 1 }) },
      },
    },
    echoing: {
      tags: ['busy'],
      invoke: {
        src: 'slowEcho',
        input: ({ event }) => ({ text: (event as { text: string }).text }),
        onDone: {
          target: 'ready',
          actions: { type: 'reply', params: ({ context, event }) => ({ text: `${context.count}:${event.output}` }) },
        },
      },
    },
  },
});

export interface EchoOptions {
  effectDelayMs?: number;
  /** Told, for each message, the id of the database transaction its effect ran in. */
  onTransaction?: (chatId: string, transactionId: string) => void;
  /** Told, for each message, the batch's shared reads its effect was given (batch-reads.ts). */
  onReads?: (chatId: string, reads: unknown) => void;
}

export function echoFlowBinding(options: EchoOptions = {}): FlowBinding {
  return {
    machineId: 'echo',
    machineVersion: 1,
    machine: echoMachine.provide({
      actions: { reply: ({ context, system }, params) => turnScopeOf(system).emit({ spec: params, language: context.language }) },
      actors: {
        slowEcho: fromPromise<string, { text: string }>(async ({ input, system }) => {
          if (input.text === 'poison') throw new Error('this message always breaks the turn');
          // Touch the turn's transaction like a real effect would.
          const scope = turnScopeOf(system);
          const [row] = await scope.tx.$queryRaw<Array<{ id: string }>>`SELECT txid_current()::text AS id`;
          options.onTransaction?.(scope.message.chatId, row!.id);
          options.onReads?.(scope.message.chatId, scope.reads);
          if (options.effectDelayMs) await new Promise((resolve) => setTimeout(resolve, options.effectDelayMs));
          return input.text;
        }),
      },
    }),
    input: (_message, carried) => ({ language: carried.language }),
    toEvent: (content) => ({ type: 'TEXT', text: content.kind === 'text' ? content.text : content.kind }),
    idleResetEvent: { type: 'IDLE_RESET' },
    failureReply: { text: 'sorry' },
    facts: (context) => ({ language: (context as { language: string }).language, recipientId: null }),
  };
}

export function renderEcho(spec: unknown): OutboundContent {
  return { kind: 'text', text: (spec as { text: string }).text };
}
