import type { InboundMessage } from '../../src/channels/channel-port.js';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import { conversationKey } from '../../src/engine/conversation-key.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import type { Database } from '../../src/storage/database.js';

/**
 * What-if experiments for the report, switched on with `--experiment` (BENCH_EXPERIMENTS in the
 * server child). Each patches one class of the app *from outside*, in the bench child only, to
 * measure a proposed change before anyone makes it in src/. They are measurements, not fixes:
 * the real change belongs in the class itself.
 */
export const EXPERIMENTS = {
  /** The outbox sender claims at most once per 10 ms instead of after every wake and every finished send. */
  'claim-interval': claimInterval,
  /** Webhook inserts arriving in the same event-loop turn go to the inbox in one multi-row INSERT (raw SQL, like the app's own). */
  'batch-inbox': batchInbox,
} as const;

export type ExperimentName = keyof typeof EXPERIMENTS;

export function applyExperiments(names: string[]): void {
  for (const name of names) {
    const apply = EXPERIMENTS[name as ExperimentName];
    if (!apply) throw new Error(`unknown experiment ${name} (known: ${Object.keys(EXPERIMENTS).join(', ')})`);
    apply();
  }
}

function claimInterval(): void {
  const intervalMs = 10;
  const prototype = OutboxSender.prototype as unknown as { claimWithinCapacity(this: object): Promise<number> };
  const claim = prototype.claimWithinCapacity;
  const lastClaim = new WeakMap<object, number>();
  prototype.claimWithinCapacity = async function (this: object) {
    const wait = (lastClaim.get(this) ?? 0) + intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastClaim.set(this, Date.now());
    return claim.call(this);
  };
}

interface Waiting {
  message: InboundMessage;
  resolve(outcome: 'stored' | 'duplicate'): void;
  reject(error: unknown): void;
}

/** The engine's private parts this experiment reaches into. */
interface EngineInside {
  options: { db: Database };
  serializer: { request(key: string): Promise<void> };
}

function batchInbox(): void {
  const queues = new WeakMap<object, Waiting[]>();
  const prototype = ConversationEngine.prototype as unknown as { receive(this: EngineInside, message: InboundMessage): Promise<'stored' | 'duplicate'> };
  prototype.receive = function (this: EngineInside, message: InboundMessage) {
    return new Promise((resolve, reject) => {
      let queue = queues.get(this);
      if (!queue) {
        queue = [];
        queues.set(this, queue);
        setImmediate(() => void flush(this));
      }
      queue.push({ message, resolve, reject });
    });
  };
  async function flush(engine: EngineInside): Promise<void> {
    const queue = queues.get(engine) ?? [];
    queues.delete(engine);
    const payloads = queue.map(({ message }) => JSON.stringify(message.sender ? { content: message.content, sender: message.sender } : { content: message.content }));
    try {
      const rows = await engine.options.db.prisma.$queryRaw<Array<{ channel: string; external_id: string }>>`
        INSERT INTO inbound_message (channel, chat_id, external_id, payload)
        SELECT channel, chat_id, external_id, payload::jsonb
        FROM unnest(${queue.map(({ message }) => message.channel)}::text[], ${queue.map(({ message }) => message.chatId)}::text[],
                    ${queue.map(({ message }) => message.externalId)}::text[], ${payloads}::text[]) AS m(channel, chat_id, external_id, payload)
        ON CONFLICT (channel, external_id) DO NOTHING
        RETURNING channel, external_id`;
      const stored = new Set(rows.map((row) => `${row.channel}\u0000${row.external_id}`));
      for (const { message, resolve } of queue) {
        // delete: the same message twice in one batch is stored once, then a duplicate.
        if (stored.delete(`${message.channel}\u0000${message.externalId}`)) {
          void engine.serializer.request(conversationKey(message.channel, message.chatId));
          resolve('stored');
        } else {
          resolve('duplicate');
        }
      }
    } catch (error) {
      for (const { reject } of queue) reject(error);
    }
  }
}
