import type { EventObject } from 'xstate';
import type { InboundContent, InboundMessage, OutboundContent } from '../channels/channel-port.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import type { EmittedReply, FlowBinding, TurnScope } from './flow-binding.js';
import type { FlowRouter } from './flow-router.js';
import { createBatchReads, type BatchReads } from './batch-reads.js';
import { lockConversations, loadPending, saveTurns, type ConversationRef, type LoadedConversation, type TurnResult } from './conversation-sql.js';
import { runTurn } from './run-turn.js';
import { openContext, sealContext, type ContextSeal } from './seal-context.js';

export interface ProcessOptions {
  db: Database;
  /** The flow that drives a conversation (one binding, or a choice per conversation). */
  flow: FlowBinding | FlowChoice;
  /**
   * Picks the flow from data read on the turn's transaction and answers messages outside it
   * (linking codes, RSVPs; see flow-router.ts). When given, it decides instead of `flow`.
   */
  router?: FlowRouter | undefined;
  render(spec: unknown, language: string): OutboundContent;
  idleTimeoutMs: number;
  /** Messages of one conversation handled per transaction; a backlog is drained in several. */
  batchSize: number;
  /** Key for the flows' secret context fields; required when a flow declares any. */
  contextSealKey?: Buffer | undefined;
}

/** Picks the flow of a conversation, from its key and the machine its stored snapshot belongs to. */
export type FlowChoice = (conversation: ConversationRef & { machineId: string | null }) => FlowBinding;

/** The binding that drives this conversation. */
export function flowFor(options: Pick<ProcessOptions, 'flow'>, ref: ConversationRef, machineId: string | null): FlowBinding {
  return typeof options.flow === 'function' ? options.flow({ ...ref, machineId }) : options.flow;
}

/** How the flow's secret context fields are sealed, or null when it declares none. */
function contextSeal(flow: FlowBinding, key: Buffer | undefined): ContextSeal | null {
  const fields = flow.secretContextFields ?? [];
  const children = flow.secretChildren ?? [];
  if (fields.length === 0 && children.length === 0) return null;
  if (!key) throw new Error(`flow ${flow.machineId} has secret context fields but no seal key was given`);
  return { key, fields, children };
}

/** Stored form of an inbound message: everything but the routing columns. */
interface StoredPayload {
  content: InboundContent;
  sender?: InboundMessage['sender'];
}

/** A turn of one conversation in a batch threw: the batch is rolled back, and this says whose it was. */
export class TurnFailed extends Error {
  constructor(
    readonly ref: ConversationRef,
    override readonly cause: unknown,
  ) {
    super('a conversation turn failed');
  }
}

/**
 * Handles the pending inbound messages of many conversations in ONE transaction that holds
 * their advisory locks: one statement loads every snapshot and pending message, each
 * conversation's messages then run through its machine oldest first (one conversation at a
 * time, all on the transaction), and one statement saves every snapshot, writes every reply to
 * the outbox and marks every message done. Either all of it lands or none of it does, so a
 * crash leaves the messages pending for the next drain. A turn that throws rolls the batch
 * back as TurnFailed, naming its conversation. Returns how many messages of each conversation
 * (in the order of `refs`) were handled.
 */
export async function processBatch(options: ProcessOptions, refs: readonly ConversationRef[]): Promise<number[]> {
  const { db } = options;
  return db.prisma.$transaction(
    async (tx) => {
      await lockConversations(tx, db.kind, refs);
      const loaded = await loadPending(tx, refs, options.batchSize);
      // The router reads every conversation's flow in one statement, not one per conversation.
      const routed = options.router ? await options.router.selectMany(tx, refs) : null;
      const turns: TurnResult[] = [];
      const reads = createBatchReads();
      for (const [index, ref] of refs.entries()) {
        const entry = loaded[index]!;
        if (entry.pending.length === 0) continue;
        try {
          turns.push(await runConversation(options, tx, reads, ref, entry, routed?.[index]));
        } catch (error) {
          throw new TurnFailed(ref, error);
        }
      }
      await saveTurns(tx, turns);
      return loaded.map((entry) => entry.pending.length);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/** Runs one conversation's pending messages through its machine; returns what to save. */
async function runConversation(
  options: ProcessOptions,
  tx: Prisma.TransactionClient,
  reads: BatchReads,
  ref: ConversationRef,
  loaded: LoadedConversation,
  routed: FlowBinding | undefined,
): Promise<TurnResult> {
  const { channel, chatId } = ref;
  const { pending, conversation } = loaded;
  const { router } = options;
  let flow = routed ?? flowFor(options, ref, conversation?.machineId ?? null);
  let seal = contextSeal(flow, options.contextSealKey);
  const chat = `${channel}:${chatId}`;
  const current = conversation?.machineId === flow.machineId && conversation.machineVersion === flow.machineVersion;
  let snapshot = current ? conversation.snapshot : null;
  if (snapshot && seal) snapshot = openContext(snapshot, seal, chat);
  let facts = { language: conversation?.language ?? 'id', recipientId: conversation?.recipientId ?? null };
  let lastActivity = conversation?.lastActivityAt ?? null;
  let senderPhone = conversation?.senderPhone ?? null;
  const replies: unknown[] = [];

  for (const row of pending) {
    const stored = row.payload as StoredPayload;
    const message: InboundMessage = { channel: channel as InboundMessage['channel'], chatId, externalId: row.externalId, content: stored.content, receivedAt: row.receivedAt };
    if (stored.sender) message.sender = stored.sender;
    senderPhone = stored.sender?.phone ?? senderPhone;
    let forgetSender = false;

    const events: EventObject[] = [];
    if (snapshot && lastActivity && row.receivedAt.getTime() - lastActivity.getTime() > options.idleTimeoutMs) {
      events.push(flow.idleResetEvent);
    }
    events.push(flow.toEvent(stored.content));

    const emitted: EmittedReply[] = [];
    const scope: TurnScope = { tx, message, reads, emit: (reply) => emitted.push(reply), forgetSender: () => (forgetSender = true) };
    let rerouted = false;
    if (router && (await router.intercept({ ...scope, language: facts.language, lastActivityAt: lastActivity, flow, reroute: () => (rerouted = true) }))) {
      // Answered outside the flow: its snapshot stays where it was, unless the chat now belongs to another flow.
      lastActivity = row.receivedAt;
      for (const reply of emitted) replies.push(options.render(reply.spec, reply.language));
      if (!rerouted) continue;
      const next = await router.select(tx, channel, chatId);
      if (next.machineId !== flow.machineId) {
        flow = next;
        seal = contextSeal(flow, options.contextSealKey);
        snapshot = null;
      }
      continue;
    }
    const turn = await runTurn(flow.machine, { snapshot, input: flow.input(message, facts) }, events, scope);
    if (forgetSender) senderPhone = null;
    snapshot = turn.persisted;
    facts = flow.facts(turn.context);
    lastActivity = row.receivedAt;
    for (const reply of emitted) replies.push(options.render(reply.spec, reply.language));
  }

  return {
    channel,
    chatId,
    state: {
      machineId: flow.machineId,
      machineVersion: flow.machineVersion,
      snapshot: snapshot && seal ? sealContext(snapshot, seal, chat) : snapshot,
      language: facts.language,
      recipientId: facts.recipientId,
      senderPhone,
      lastActivityAt: lastActivity ?? new Date(),
    },
    replies,
    handled: pending.map((row) => row.id),
  };
}
