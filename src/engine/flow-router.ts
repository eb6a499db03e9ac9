import type { Prisma } from '../storage/generated/client.js';
import type { FlowBinding, TurnScope } from './flow-binding.js';

/**
 * Several flows in one engine: a small router, consulted per conversation, instead of one
 * machine that knows every role. Chosen over a parent machine invoking children because the
 * flows stay independent (each its own id, version and snapshot, testable alone) and the role
 * comes from data the router reads, never from what the person types.
 *
 * - `select` names the binding that serves the chat (a chat linked to a facilitator account
 *   gets the facilitator flow, every other chat the KPM assistant). When it changes, the chat
 *   starts the new flow fresh; the old snapshot is not reused.
 * - `intercept` may answer a message outside the chat's flow: a linking code (`DAFTAR 123456`)
 *   or a reply to a session invitation (*Hadir*). Its replies go out like the flow's, and the
 *   flow's snapshot is left exactly where it was, so a KPM mid-verification who answers "hadir"
 *   continues where they were. It runs inside the turn's transaction and the conversation's lock.
 *   It is told the flow the batch chose for the chat, and calls `reroute()` when what it did
 *   may move the chat to another flow (a redeemed code); only then is `select` asked again.
 */
export interface FlowRouter {
  select(tx: Prisma.TransactionClient, channel: string, chatId: string): Promise<FlowBinding>;
  /** `select` for every conversation of a batch at once, in the order given. */
  selectMany(tx: Prisma.TransactionClient, chats: readonly { channel: string; chatId: string }[]): Promise<FlowBinding[]>;
  intercept(scope: InterceptScope): Promise<boolean>;
}

export interface InterceptScope extends TurnScope {
  /** The chat's language (for the replies). */
  language: string;
  /** When the chat last sent something before this message; null for a new chat. */
  lastActivityAt: Date | null;
  /** The flow that serves the chat now (chosen for the batch by `selectMany`, on this transaction). */
  flow: FlowBinding;
  /** The chat may belong to another flow from now on: the engine asks `select` again. */
  reroute(): void;
}
