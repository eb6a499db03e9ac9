import type { Logger } from 'pino';
import type { DeliveryUpdate, InboundMessage, InboundSink, OutboundContent } from '../channels/channel-port.js';
import { OutboxStore } from '../outbox/outbox-store.js';
import { errorSummary } from '../logging/error-summary.js';
import type { Database } from '../storage/database.js';
import { BatchScheduler } from './batch-scheduler.js';
import { conversationKey, splitConversationKey } from './conversation-key.js';
import type { FlowBinding } from './flow-binding.js';
import { InboxWriter } from './inbox-writer.js';
import { mergeChat } from './merge-chat.js';
import { OutboxBacklog } from './outbox-backlog.js';
import type { FlowRouter } from './flow-router.js';
import { processBatch, TurnFailed, type FlowChoice, type ProcessOptions } from './process-batch.js';
import { recordProcessingFailure } from './record-processing-failure.js';

export interface ConversationEngineOptions {
  db: Database;
  /** The flow every conversation runs, or a choice per conversation; with `router`, the one failures are answered with. */
  flow: FlowBinding | FlowChoice;
  /** Picks the flow per conversation from data and answers linking codes and RSVPs outside it (see flow-router.ts). */
  router?: FlowRouter;
  render(spec: unknown, language: string): OutboundContent;
  logger: Logger;
  idleTimeoutMs: number;
  /** 32-byte key sealing the flow's secret context fields in stored snapshots. */
  contextSealKey?: Buffer;
  /** Called after replies were committed to the outbox, so the sender can wake up. */
  onOutboxWritten?: () => void;
  /** How often to look for messages left pending (by a crash, or by another process). */
  sweepIntervalMs?: number;
  /**
   * Conversations the sweep hands to the batches at once. Kept small so a backlog (after a
   * crash, thousands of pending messages) leaves the database to the webhooks: their inserts
   * queue behind at most this many conversations' turns, not behind the whole backlog. Default 4.
   */
  sweepConcurrency?: number;
  /** Messages of one conversation handled per transaction (default 20). */
  batchSize?: number;
  /** Conversations handled in one transaction (default 32). */
  conversationsPerBatch?: number;
  /** Batches (transactions) running at once (default 2 on PostgreSQL, 1 on PGlite, which runs one at a time anyway). */
  concurrentBatches?: number;
  /**
   * Stored messages waiting for a batch past which a webhook's answer (after its message is
   * stored) waits up to a second for the backlog to shrink, so a flood of webhooks cannot take
   * the whole event loop from processing. Default: as many messages as 4 full rounds of
   * batches have conversations.
   */
  ackBacklogLimit?: number;
  /**
   * Replies waiting in the outbox past which a webhook's answer also waits (up to a second), so
   * a flood is taken in no faster than it is answered (outbox-backlog.ts). Default: no limit.
   */
  outboxBacklogLimit?: number;
}

/** Longest an answer to a stored message is held back while the backlog is over its limit. */
const MAX_ACK_HOLD_MS = 1_000;

/**
 * The conversation engine: stores every inbound message durably (once per platform id), then
 * processes the conversations that have work in batches, many conversations per transaction,
 * each conversation's messages one at a time and in order, across processes.
 */
export class ConversationEngine implements InboundSink {
  private readonly scheduler: BatchScheduler;
  private readonly inbox: InboxWriter;
  private readonly process: ProcessOptions;
  private readonly ackBacklogLimit: number;
  private readonly outboxBacklog: OutboxBacklog | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ConversationEngineOptions) {
    this.process = {
      db: options.db,
      flow: options.flow,
      router: options.router,
      render: options.render,
      idleTimeoutMs: options.idleTimeoutMs,
      batchSize: options.batchSize ?? 20,
      contextSealKey: options.contextSealKey,
    };
    const maxKeys = options.conversationsPerBatch ?? 32;
    const maxRunning = options.concurrentBatches ?? (options.db.kind === 'postgres' ? 2 : 1);
    this.scheduler = new BatchScheduler((keys) => this.processKeys(keys), { maxKeys, maxRunning });
    this.ackBacklogLimit = options.ackBacklogLimit ?? 4 * maxKeys * maxRunning;
    this.inbox = new InboxWriter(options.db);
    this.outboxBacklog = options.outboxBacklogLimit === undefined ? undefined : new OutboxBacklog(options.db);
  }

  /** Stores the message; resolves once it is durable. Processing continues in the background. */
  async receive(message: InboundMessage): Promise<'stored' | 'duplicate'> {
    const outcome = await this.inbox.store(message);
    if (outcome === 'duplicate') return 'duplicate';
    // The scheduler's work never rejects; processing runs on in the background.
    void this.scheduler.request(conversationKey(message.channel, message.chatId));
    const started = Date.now();
    await this.scheduler.roomFor(this.ackBacklogLimit, MAX_ACK_HOLD_MS);
    if (this.outboxBacklog) {
      // A failed look holds nothing back: the message is stored either way.
      await this.outboxBacklog.roomFor(this.options.outboxBacklogLimit!, Math.max(0, MAX_ACK_HOLD_MS - (Date.now() - started))).catch(() => {});
    }
    return 'stored';
  }

  /** Records a platform's delivery receipt on the outbound message it concerns. */
  async deliveryUpdate(update: DeliveryUpdate): Promise<void> {
    await new OutboxStore(this.options.db).recordDelivery(update.channel, update.externalId, update.status, update.reason);
  }

  /** Moves what is kept under one chat id of a person to another (merge-chat.ts), then answers what waits there. */
  async mergeChat(channel: InboundMessage['channel'], fromChatId: string, intoChatId: string): Promise<void> {
    const result = await mergeChat(this.options.db, this.options.contextSealKey, { channel, from: fromChatId, into: intoChatId });
    if (result.outcome !== 'nothing') this.options.logger.info({ channel, outcome: result.outcome, pendingMoved: result.pendingMoved }, 'two chat ids of one person joined');
    if (result.pendingMoved > 0) void this.scheduler.request(conversationKey(channel, intoChatId));
  }

  /** Starts the periodic sweep that picks up messages no process is draining. */
  start(): void {
    const interval = this.options.sweepIntervalMs ?? 2_000;
    const tick = async () => {
      await this.sweep().catch((error: unknown) => this.options.logger.error({ err: errorSummary(error) }, 'inbound sweep failed'));
      if (!this.stopped) this.sweepTimer = setTimeout(tick, interval);
    };
    this.sweepTimer = setTimeout(tick, 0);
  }

  /** Stops sweeping and waits for the batches in progress; pending messages stay stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    this.scheduler.stop();
    await this.scheduler.idle();
  }

  /** Resolves when this process has nothing left in progress (tests, shutdown). */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /**
   * Hands every conversation that has pending messages to the batches, a few at a time,
   * yielding to the event loop between them; stops early when the engine stops.
   */
  async sweep(): Promise<void> {
    const rows = await this.options.db.prisma.inboundMessage.findMany({
      where: { status: 'pending' },
      distinct: ['channel', 'chatId'],
      select: { channel: true, chatId: true },
      take: 500,
    });
    const keys = rows.map((row) => conversationKey(row.channel, row.chatId));
    const step = Math.max(1, this.options.sweepConcurrency ?? 4);
    for (let next = 0; next < keys.length && !this.stopped; next += step) {
      await Promise.all(keys.slice(next, next + step).map((key) => this.scheduler.request(key)));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * One batch: returns the conversations that still have messages pending beyond it. When a
   * turn throws, the batch is redone at once without that conversation, which is then retried
   * alone (today's retry and set-aside); a failure no turn is named for has every conversation
   * retried alone. Never throws.
   */
  private async processKeys(keys: string[]): Promise<Set<string>> {
    const refs = keys.map(splitConversationKey);
    try {
      const handled = await processBatch(this.process, refs);
      if (handled.some((count) => count > 0)) this.options.onOutboxWritten?.();
      return new Set(keys.filter((_key, index) => handled[index]! >= this.process.batchSize));
    } catch (error) {
      if (error instanceof TurnFailed) {
        // Never log the messages' text: only the error's class and message.
        this.options.logger.error({ channel: error.ref.channel, err: errorSummary(error.cause) }, 'conversation processing failed');
        const culprit = conversationKey(error.ref.channel, error.ref.chatId);
        const others = keys.filter((key) => key !== culprit);
        const again = others.length > 0 ? await this.processKeys(others) : new Set<string>();
        await this.drainAlone(culprit, true);
        return again;
      }
      this.options.logger.error({ err: errorSummary(error) }, 'conversation batch failed');
      for (const key of keys) await this.drainAlone(key, false);
      return new Set();
    }
  }

  /**
   * Drains one conversation in transactions of its own, as before batching: after a failure,
   * one message at a time, so the failure is charged to the message that causes it; it is set
   * aside after a few tries, else left pending for the next sweep.
   */
  private async drainAlone(key: string, failedInBatch: boolean): Promise<void> {
    const ref = splitConversationKey(key);
    let batchSize = failedInBatch ? 1 : this.process.batchSize;
    for (;;) {
      try {
        const [handled = 0] = await processBatch({ ...this.process, batchSize }, [ref]);
        if (handled > 0) this.options.onOutboxWritten?.();
        if (handled < batchSize) return;
      } catch (error) {
        const cause = error instanceof TurnFailed ? error.cause : error;
        this.options.logger.error({ channel: ref.channel, err: errorSummary(cause) }, 'conversation processing failed');
        if (batchSize > 1) {
          batchSize = 1;
          continue;
        }
        const setAside = await recordProcessingFailure(this.process, ref.channel, ref.chatId, errorSummary(cause)).catch(() => false);
        if (!setAside) return; // left pending: the next sweep tries again
        this.options.onOutboxWritten?.();
      }
    }
  }
}
