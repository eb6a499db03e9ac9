import type { InboundMessage } from '../channels/channel-port.js';
import type { Database } from '../storage/database.js';

type Outcome = 'stored' | 'duplicate';

interface Waiting {
  message: InboundMessage;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

interface Row {
  waiting: Waiting;
  payload: string;
}

/** One statement stays well inside PostgreSQL's parameter and memory limits. */
const MAX_BATCH = 500;

/**
 * Stores inbound messages durably, once per (channel, platform id). Messages that arrive while
 * the previous write is in flight go to the database together in one multi-row INSERT: under
 * load that is one statement for many webhooks, and each caller still learns only after its
 * row is committed. Writes run one after another and rows keep arrival order, so ids keep each
 * chat's order.
 *
 * A failure reaches only the callers it concerns: a message that cannot be serialized is
 * refused alone, and when a batch is refused its rows are retried one by one, so one bad row
 * never fails its neighbours. Nothing here throws out of the background write.
 */
export class InboxWriter {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Database) {}

  store(message: InboundMessage): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.writeAll());
      }
    });
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.writeBatch(batch);
        } catch (error) {
          // writeBatch settles every caller itself; this is only a last line of defence.
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    const rows: Row[] = [];
    for (const waiting of batch) {
      try {
        rows.push({ waiting, payload: payloadOf(waiting.message) });
      } catch (error) {
        waiting.reject(error);
      }
    }
    if (rows.length === 0) return;
    try {
      settle(rows, await this.insert(rows));
    } catch (error) {
      if (rows.length === 1) {
        rows[0]!.waiting.reject(error);
        return;
      }
      // Find the row the database refused: only it fails.
      for (const row of rows) {
        try {
          settle([row], await this.insert([row]));
        } catch (rowError) {
          row.waiting.reject(rowError);
        }
      }
    }
  }

  /**
   * Inserts the rows in order; returns the keys of the rows that were new. Through Prisma on
   * purpose: on the driver itself (storage/hot-sql.ts) the webhook's answer got cheap enough
   * that a flood acked 1,270 messages/s against 132 replies/s on PostgreSQL (backlog 8,255,
   * replies/s a third of before), since nothing holds acks back while the outbox falls behind.
   * Move it once the outbox backlog holds webhook answers too.
   */
  private async insert(rows: Row[]): Promise<Set<string>> {
    const messages = rows.map((row) => row.waiting.message);
    const inserted = await this.db.prisma.$queryRaw<Array<{ channel: string; external_id: string }>>`
      INSERT INTO inbound_message (channel, chat_id, external_id, payload)
      SELECT channel, chat_id, external_id, payload::jsonb
      FROM unnest(${messages.map((m) => m.channel)}::text[], ${messages.map((m) => m.chatId)}::text[],
                  ${messages.map((m) => m.externalId)}::text[], ${rows.map((row) => row.payload)}::text[])
           WITH ORDINALITY AS m(channel, chat_id, external_id, payload, position)
      ORDER BY position
      ON CONFLICT (channel, external_id) DO NOTHING
      RETURNING channel, external_id`;
    return new Set(inserted.map((row) => keyOf(row.channel, row.external_id)));
  }
}

function payloadOf(message: InboundMessage): string {
  return JSON.stringify(message.sender ? { content: message.content, sender: message.sender } : { content: message.content });
}

function settle(rows: Row[], stored: Set<string>): void {
  for (const { waiting } of rows) {
    // `delete`: the same message twice in one batch is stored once, then reported a duplicate.
    waiting.resolve(stored.delete(keyOf(waiting.message.channel, waiting.message.externalId)) ? 'stored' : 'duplicate');
  }
}

function keyOf(channel: string, externalId: string): string {
  return `${channel}\u0000${externalId}`;
}
