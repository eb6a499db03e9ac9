import type { EventObject } from 'xstate';
import type { InboundContent, InboundMessage, OutboundContent } from '../channels/channel-port.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import type { EmittedReply, FlowBinding } from './flow-binding.js';
import type { FlowRouter } from './flow-router.js';
import { redactedInboundPayload } from '../retention/redacted-payload.js';
import { lockConversation, loadPending, saveTurn } from './conversation-sql.js';
import { runTurn } from './run-turn.js';
import { openContext, sealContext, type ContextSeal } from './seal-context.js';

export interface ProcessOptions {
  db: Database;
  flow: FlowBinding;
  render(spec: unknown, language: string): OutboundContent;
  idleTimeoutMs: number;
  /** Messages handled per transaction; a backlog is drained in several. */
  batchSize: number;
  /** Key for the flow's secret context fields; required when the flow declares any. */
  contextSealKey?: Buffer | undefined;
  /** Picks the flow per conversation and answers messages outside it (see flow-router.ts); without it, `flow` serves every chat. */
  router?: FlowRouter | undefined;
}

/** How the flow's secret context fields are sealed, or null when it declares none. */
function contextSeal(options: ProcessOptions, flow: FlowBinding): ContextSeal | null {
  const fields = flow.secretContextFields ?? [];
  if (fields.length === 0) return null;
  if (!options.contextSealKey) throw new Error(`flow ${flow.machineId} has secret context fields but no seal key was given`);
  return { key: options.contextSealKey, fields };
}

/** Stored form of an inbound message: everything but the routing columns. */
interface StoredPayload {
  content: InboundContent;
  sender?: InboundMessage['sender'];
}

/**
 * Handles the pending inbound messages of one conversation, oldest first, in one transaction
 * that holds the conversation's advisory lock: load snapshot → run the machine → save snapshot,
 * write replies to the outbox, mark messages done. Either all of it lands or none of it does,
 * so a crash leaves the messages pending for the next drain. Returns how many were handled.
 */
export async function processConversation(options: ProcessOptions, channel: string, chatId: string): Promise<number> {
  const { db, router } = options;
  return db.prisma.$transaction(
    async (tx) => {
      await lockConversation(tx, db.kind, channel, chatId);
      const { pending, conversation } = await loadPending(tx, channel, chatId, options.batchSize);
      if (pending.length === 0) return 0;

      let flow = router ? await router.select(tx, channel, chatId) : options.flow;
      let seal = contextSeal(options, flow);
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
        const scope = { tx, message, emit: (reply: EmittedReply) => emitted.push(reply), forgetSender: () => (forgetSender = true) };
        if (router && (await router.intercept({ ...scope, language: facts.language, lastActivityAt: lastActivity }))) {
          // Answered outside the flow: its snapshot stays where it was, unless the chat now belongs to another flow.
          lastActivity = row.receivedAt;
          for (const reply of emitted) replies.push(options.render(reply.spec, reply.language));
          const next = await router.select(tx, channel, chatId);
          if (next.machineId !== flow.machineId) {
            flow = next;
            seal = contextSeal(options, flow);
            snapshot = null;
          }
          continue;
        }
        const machine = flow.bind(scope);
        const turn = await runTurn(machine, { snapshot, input: flow.input(message, facts) }, events);
        if (forgetSender) senderPhone = null;
        snapshot = turn.persisted;
        facts = flow.facts(turn.context);
        lastActivity = row.receivedAt;
        for (const reply of emitted) replies.push(options.render(reply.spec, reply.language));
      }

      await saveTurn(tx, {
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
      });
      return pending.length;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/** Processing attempts after which a message is set aside, so one bad message cannot stall its chat. */
export const MAX_PROCESSING_ATTEMPTS = 3;

/**
 * Charges a failed attempt to the conversation's oldest pending message (the caller retried it
 * alone, so it is the culprit). At the limit the message is marked failed and the person gets
 * the flow's apology instead of silence. Returns true when the message was set aside.
 */
export async function recordProcessingFailure(
  options: ProcessOptions,
  channel: string,
  chatId: string,
  reason: string,
): Promise<boolean> {
  const { db, flow } = options;
  return db.prisma.$transaction(async (tx) => {
    await lockConversation(tx, db.kind, channel, chatId);
    const oldest = await tx.inboundMessage.findFirst({ where: { channel, chatId, status: 'pending' }, orderBy: { id: 'asc' } });
    if (!oldest) return false;
    const attempts = oldest.attempts + 1;
    const setAside = attempts >= MAX_PROCESSING_ATTEMPTS;
    await tx.inboundMessage.update({
      where: { id: oldest.id },
      data: { attempts, error: reason, ...(setAside ? { status: 'failed', processedAt: new Date() } : {}) },
    });
    if (setAside) {
      // Set aside for good: its text is no longer needed, like a processed message's.
      await tx.$executeRaw`UPDATE inbound_message SET payload = ${redactedInboundPayload}, redacted_at = now() WHERE id = ${oldest.id}`;
      const conversation = await tx.conversation.findUnique({ where: { channel_chatId: { channel, chatId } }, select: { language: true } });
      const content = options.render(flow.failureReply, conversation?.language ?? 'id');
      await tx.outboundMessage.create({ data: { channel, chatId, payload: content as unknown as Prisma.InputJsonValue } });
    }
    return setAside;
  });
}
