import type { Snapshot } from 'xstate';
import type { DatabaseKind } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { redactedInboundPayload } from '../retention/redacted-payload.js';

/**
 * The engine's hot-path SQL, written by hand: each Prisma model call costs about a millisecond
 * of CPU here, a raw statement a third of that, so one turn reads with one statement and writes
 * with one.
 */

type Tx = Prisma.TransactionClient;

export interface PendingRow {
  id: bigint;
  externalId: string;
  payload: unknown;
  receivedAt: Date;
}

export interface ConversationRow {
  machineId: string;
  machineVersion: number;
  snapshot: Snapshot<unknown> | null;
  language: string;
  recipientId: number | null;
  senderPhone: string | null;
  lastActivityAt: Date;
}

/**
 * Waits for the conversation's lock. Its own statement, so later reads see what the previous
 * holder committed. PGlite is one process with one connection whose transactions already run
 * one at a time, so there is nothing to wait for.
 */
export async function lockConversation(tx: Tx, kind: DatabaseKind, channel: string, chatId: string): Promise<void> {
  if (kind !== 'postgres') return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${channel}:${chatId}`}))`;
}

/** The oldest pending messages of a conversation, with its stored state (null for a new chat). */
export async function loadPending(
  tx: Tx,
  channel: string,
  chatId: string,
  limit: number,
): Promise<{ pending: PendingRow[]; conversation: ConversationRow | null }> {
  const rows = await tx.$queryRaw<
    Array<{
      id: bigint;
      external_id: string;
      payload: unknown;
      received_at: Date;
      machine_id: string | null;
      machine_version: number | null;
      snapshot: Snapshot<unknown> | null;
      language: string | null;
      recipient_id: number | null;
      sender_phone: string | null;
      last_activity_at: Date | null;
    }>
  >`
    SELECT i.id, i.external_id, i.payload, i.received_at,
           c.machine_id, c.machine_version, c.snapshot, c.language, c.recipient_id, c.sender_phone, c.last_activity_at
    FROM (SELECT id, external_id, payload, received_at FROM inbound_message
          WHERE channel = ${channel} AND chat_id = ${chatId} AND status = 'pending'
          ORDER BY id LIMIT ${limit}) i
    LEFT JOIN conversation c ON c.channel = ${channel} AND c.chat_id = ${chatId}
    ORDER BY i.id`;
  const first = rows[0];
  const conversation: ConversationRow | null =
    first && first.machine_id !== null
      ? {
          machineId: first.machine_id,
          machineVersion: first.machine_version!,
          snapshot: first.snapshot,
          language: first.language!,
          recipientId: first.recipient_id,
          senderPhone: first.sender_phone,
          lastActivityAt: first.last_activity_at!,
        }
      : null;
  return {
    pending: rows.map((row) => ({ id: row.id, externalId: row.external_id, payload: row.payload, receivedAt: row.received_at })),
    conversation,
  };
}

export interface TurnResult {
  channel: string;
  chatId: string;
  state: {
    machineId: string;
    machineVersion: number;
    snapshot: unknown;
    language: string;
    recipientId: number | null;
    senderPhone: string | null;
    lastActivityAt: Date;
  };
  /** Outbound payloads, in the order they must reach the person. */
  replies: unknown[];
  handled: bigint[];
}

/**
 * Saves the conversation, queues its replies and marks its messages done, in one statement.
 * A message marked done loses its text in the same statement: what the person typed (a NIK, a
 * name) is kept only until it has been answered.
 * The replies are inserted in order, so their ids follow the order the flow emitted them.
 */
export async function saveTurn(tx: Tx, turn: TurnResult): Promise<void> {
  const { channel, chatId, state } = turn;
  await tx.$executeRaw`
    WITH saved AS (
      INSERT INTO conversation (channel, chat_id, machine_id, machine_version, snapshot, language,
                                recipient_id, sender_phone, last_activity_at, blocked_at, updated_at)
      VALUES (${channel}, ${chatId}, ${state.machineId}, ${state.machineVersion}, ${JSON.stringify(state.snapshot)}::jsonb,
              ${state.language}, ${state.recipientId}, ${state.senderPhone}, ${state.lastActivityAt}, NULL, now())
      ON CONFLICT (channel, chat_id) DO UPDATE SET
        machine_id = excluded.machine_id, machine_version = excluded.machine_version, snapshot = excluded.snapshot,
        language = excluded.language, recipient_id = excluded.recipient_id, sender_phone = excluded.sender_phone,
        last_activity_at = excluded.last_activity_at, blocked_at = NULL, updated_at = now()
      RETURNING id),
    done AS (
      UPDATE inbound_message SET status = 'done', processed_at = now(), payload = ${redactedInboundPayload}, redacted_at = now()
      WHERE id = ANY(${turn.handled.map(String)}::bigint[])
      RETURNING id),
    queued AS (
      INSERT INTO outbound_message (channel, chat_id, payload, updated_at)
      SELECT ${channel}, ${chatId}, reply.payload, now()
      FROM unnest(${turn.replies.map((reply) => JSON.stringify(reply))}::text[]) WITH ORDINALITY AS reply_text(text, position)
      CROSS JOIN LATERAL (SELECT reply_text.text::jsonb AS payload) reply
      ORDER BY reply_text.position
      RETURNING id)
    SELECT (SELECT count(*) FROM saved), (SELECT count(*) FROM done), (SELECT count(*) FROM queued)`;
}
