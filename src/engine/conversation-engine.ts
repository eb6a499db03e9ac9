import type { Logger } from 'pino';
import type { DeliveryUpdate, InboundMessage, InboundSink, OutboundContent } from '../channels/channel-port.js';
import { OutboxStore } from '../outbox/outbox-store.js';
import { errorSummary } from '../logging/error-summary.js';
import type { Database } from '../storage/database.js';
import { conversationKey, splitConversationKey } from './conversation-key.js';
import type { FlowBinding } from './flow-binding.js';
import type { FlowRouter } from './flow-router.js';
import { InboxWriter } from './inbox-writer.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { processConversation, recordProcessingFailure } from './process-conversation.js';

export interface ConversationEngineOptions {
  db: Database;
  /** The flow every chat gets, or (with `router`) the one the router falls back to for failures. */
  flow: FlowBinding;
  /** Picks the flow per conversation and answers linking codes and RSVPs outside it (see flow-router.ts). */
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
   * Conversations the sweep drains at once. Kept small so a backlog (after a crash, thousands
   * of pending messages) leaves the database to the webhooks: their inserts queue behind at
   * most this many transactions, not behind the whole backlog. Default 4.
   */
  sweepConcurrency?: number;
  batchSize?: number;
}

/**
 * The conversation engine: stores every inbound message durably (once per platform id),
 * then processes each conversation's messages in order, one at a time, across processes.
 */
export class ConversationEngine implements InboundSink {
  private readonly serializer: KeyedSerializer;
  private readonly inbox: InboxWriter;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ConversationEngineOptions) {
    this.serializer = new KeyedSerializer((key) => this.drain(key));
    this.inbox = new InboxWriter(options.db);
  }

  /** Stores the message; resolves once it is durable. Processing continues in the background. */
  async receive(message: InboundMessage): Promise<'stored' | 'duplicate'> {
    const outcome = await this.inbox.store(message);
    if (outcome === 'duplicate') return 'duplicate';
    // Processing runs on; a failure there must never become an unhandled rejection.
    this.serializer.request(conversationKey(message.channel, message.chatId)).catch((error: unknown) => {
      this.options.logger.error({ channel: message.channel, err: errorSummary(error) }, 'conversation processing failed');
    });
    return 'stored';
  }

  /** Records a platform's delivery receipt on the outbound message it concerns. */
  async deliveryUpdate(update: DeliveryUpdate): Promise<void> {
    await new OutboxStore(this.options.db).recordDelivery(update.channel, update.externalId, update.status, update.reason);
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

  /** Stops sweeping and waits for in-progress drains; pending messages stay stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    await this.serializer.idle();
  }

  /** Resolves when this process has nothing left in progress (tests, shutdown). */
  idle(): Promise<void> {
    return this.serializer.idle();
  }

  /**
   * Drains every conversation that has pending messages, a few at a time, yielding to the
   * event loop between conversations; stops early when the engine stops.
   */
  async sweep(): Promise<void> {
    const rows = await this.options.db.prisma.inboundMessage.findMany({
      where: { status: 'pending' },
      distinct: ['channel', 'chatId'],
      select: { channel: true, chatId: true },
      take: 500,
    });
    const keys = rows.map((row) => conversationKey(row.channel, row.chatId));
    let next = 0;
    const worker = async () => {
      while (next < keys.length && !this.stopped) {
        const key = keys[next] as string;
        next += 1;
        await this.serializer.request(key);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const concurrency = Math.max(1, this.options.sweepConcurrency ?? 4);
    await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  }

  private async drain(key: string): Promise<void> {
    const { channel, chatId } = splitConversationKey(key);
    let batchSize = this.options.batchSize ?? 20;
    for (;;) {
      try {
        const handled = await processConversation({ ...this.options, batchSize }, channel, chatId);
        if (handled > 0) this.options.onOutboxWritten?.();
        if (handled < batchSize) return;
      } catch (error) {
        // Never log the messages' text: only the error's class and message.
        this.options.logger.error({ channel, err: errorSummary(error) }, 'conversation processing failed');
        if (batchSize > 1) {
          // Retry one message at a time, so the failure is charged to the message that causes it.
          batchSize = 1;
          continue;
        }
        const setAside = await recordProcessingFailure({ ...this.options, batchSize }, channel, chatId, errorSummary(error)).catch(() => false);
        if (!setAside) return; // left pending: the next sweep tries again
        this.options.onOutboxWritten?.();
      }
    }
  }
}
