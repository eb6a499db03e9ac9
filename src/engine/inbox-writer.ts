import type { InboundMessage } from '../channels/channel-port.js';
import type { Database } from '../storage/database.js';

interface Waiting {
  message: InboundMessage;
  resolve(outcome: 'stored' | 'duplicate'): void;
  reject(error: unknown): void;
}

/**
 * Stores inbound messages durably, once per (channel, platform id). Messages that arrive in the
 * same event-loop turn go to the database in one multi-row INSERT: under load that is one
 * statement for many webhooks, and each caller still learns only after its row is committed.
 * Within a batch the rows are inserted in arrival order, so ids keep each chat's order.
 */
export class InboxWriter {
  private queue: Waiting[] = [];

  constructor(private readonly db: Database) {}

  store(message: InboundMessage): Promise<'stored' | 'duplicate'> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => void this.flush());
      this.queue.push({ message, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const messages = batch.map(({ message }) => message);
    const payloads = messages.map((message) =>
      JSON.stringify(message.sender ? { content: message.content, sender: message.sender } : { content: message.content }),
    );
    try {
      const rows = await this.db.prisma.$queryRaw<Array<{ channel: string; external_id: string }>>`
        INSERT INTO inbound_message (channel, chat_id, external_id, payload)
        SELECT channel, chat_id, external_id, payload::jsonb
        FROM unnest(${messages.map((m) => m.channel)}::text[], ${messages.map((m) => m.chatId)}::text[],
                    ${messages.map((m) => m.externalId)}::text[], ${payloads}::text[])
             WITH ORDINALITY AS m(channel, chat_id, external_id, payload, position)
        ORDER BY position
        ON CONFLICT (channel, external_id) DO NOTHING
        RETURNING channel, external_id`;
      const stored = new Set(rows.map((row) => `${row.channel}\u0000${row.external_id}`));
      for (const { message, resolve } of batch) {
        // `delete`: the same message twice in one batch is stored once, then reported a duplicate.
        resolve(stored.delete(`${message.channel}\u0000${message.externalId}`) ? 'stored' : 'duplicate');
      }
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
}
