import type { AnyStateMachine, EventObject } from 'xstate';
import type { InboundContent, InboundMessage } from '../channels/channel-port.js';
import type { Prisma } from '../storage/generated/client.js';
import type { BatchReads } from './batch-reads.js';

/** What the flow's `reply` effect produced, with the language the chat had at that moment. */
export interface EmittedReply<Spec = unknown> {
  spec: Spec;
  language: string;
}

/** Everything one turn's effects may touch: the open transaction and the conversation it runs for. */
export interface TurnScope {
  tx: Prisma.TransactionClient;
  message: InboundMessage;
  emit(reply: EmittedReply): void;
  /** The chat asked to be forgotten: the engine stores no sender phone for it from this turn. */
  forgetSender(): void;
  /**
   * Reference data read once per batch transaction, shared by its turns (batch-reads.ts).
   * Absent when an effect runs on its own (tests): it then reads every time.
   */
  reads?: BatchReads;
}

/**
 * How the engine drives one flow without knowing it: the machine with its effects supplied,
 * how inbound content becomes an event, and where the chat's language and linked recipient
 * live in the machine's context. Several bindings can live side by side (one per flow).
 */
export interface FlowBinding {
  machineId: string;
  machineVersion: number;
  /**
   * The machine with every named effect supplied, built once per process. Effects and actions
   * find their turn's scope with `turnScopeOf(system)` (turn-scope.ts): the engine attaches it
   * to each turn's actor system.
   */
  machine: AnyStateMachine;
  /** The input a fresh actor starts from. */
  input(message: InboundMessage, carried: { language: string; recipientId: number | null }): unknown;
  toEvent(content: InboundContent): EventObject;
  /** What to answer when a message cannot be processed at all (it is set aside after a few tries). */
  failureReply: unknown;
  /** The event that returns an idle conversation to its start. */
  idleResetEvent: EventObject;
  /**
   * Context fields that must never be stored in the clear (a pending NIK): the engine seals them
   * in the persisted snapshot and opens them on load (see seal-context.ts).
   */
  secretContextFields?: readonly string[];
  /** Invoked child flows whose persisted snapshot is sealed whole (see seal-context.ts). */
  secretChildren?: readonly string[];
  /** Reads the chat's language and linked recipient from a snapshot's context. */
  facts(context: unknown): { language: string; recipientId: number | null };
}
