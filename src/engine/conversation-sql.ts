import type { Snapshot } from 'xstate';
import type { DatabaseKind } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import { redactedInboundPayload } from '../retention/redacted-payload.js';

/**
 * The engine's hot-path SQL, written by hand and per batch: one transaction serves many
 * conversations with one statement to lock them, one to read their pending messages and
 * snapshots, and one to save every snapshot, queue every reply and mark every message done,
 * whatever the number of conversations (the arrays travel as unnest parameters).
 */

type Tx = Prisma.TransactionClient;

export interface ConversationRef {
  channel: string;
  chatId: string;
}

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

export interface LoadedConversation {
  pending: PendingRow[];
  /** The stored state, null for a new chat. */
  conversation: ConversationRow | null;
}

/**
 * Waits for the locks of every conversation in the batch, taken in one order (by hash) so two
 * processes locking overlapping batches cannot deadlock. Its own statement, so later reads see
 * what the previous holders committed. PGlite is one process with one connection whose
 * transactions already run one at a time, so there is nothing to wait for.
 */
export async function lockConversations(tx: Tx, kind: DatabaseKind, refs: readonly ConversationRef[]): Promise<void> {
  if (kind !== 'postgres' || refs.length === 0) return;
  if (refs.length === 1) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${refs[0]!.channel}:${refs[0]!.chatId}`}))`;
    return;
  }
  await tx.$executeRaw`
    SELECT count(pg_advisory_xact_lock(h))
    FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(${refs.map((ref) => `${ref.channel}:${ref.chatId}`)}::text[]) AS k ORDER BY h) locks`;
}

/** One conversation's lock (for the set-aside bookkeeping outside a batch). */
export function lockConversation(tx: Tx, kind: DatabaseKind, channel: string, chatId: string): Promise<void> {
  return lockConversations(tx, kind, [{ channel, chatId }]);
}

/**
 * The oldest pending messages (at most `limit` each) of every conversation in `refs`, with each
 * one's stored state; in the order of `refs`. A conversation with nothing pending (another
 * process answered it) comes back with an empty list.
 */
export async function loadPending(tx: Tx, refs: readonly ConversationRef[], limit: number): Promise<LoadedConversation[]> {
  const rows = await tx.$queryRaw<
    Array<{
      position: bigint;
      id: bigint;
      external_id: string;
      payload: unknown;
      received_at: Date;
      first: boolean;
      machine_id: string | null;
      machine_version: number | null;
      snapshot: Snapshot<unknown> | null;
      language: string | null;
      recipient_id: number | null;
      sender_phone: string | null;
      last_activity_at: Date | null;
    }>
  >`
    SELECT k.position, i.id, i.external_id, i.payload, i.received_at, i.first,
           c.machine_id, c.machine_version, CASE WHEN i.first THEN c.snapshot END AS snapshot,
           c.language, c.recipient_id, c.sender_phone, c.last_activity_at
    FROM unnest(${refs.map((ref) => ref.channel)}::text[], ${refs.map((ref) => ref.chatId)}::text[])
         WITH ORDINALITY AS k(channel, chat_id, position)
    CROSS JOIN LATERAL (
      SELECT id, external_id, payload, received_at, row_number() OVER (ORDER BY id) = 1 AS first
      FROM inbound_message
      WHERE channel = k.channel AND chat_id = k.chat_id AND status = 'pending'
      ORDER BY id LIMIT ${limit}) i
    LEFT JOIN conversation c ON c.channel = k.channel AND c.chat_id = k.chat_id
    ORDER BY k.position, i.id`;
  const loaded: LoadedConversation[] = refs.map(() => ({ pending: [], conversation: null }));
  for (const row of rows) {
    const entry = loaded[Number(row.position) - 1]!;
    if (row.first && row.machine_id !== null) {
      entry.conversation = {
        machineId: row.machine_id,
        machineVersion: row.machine_version!,
        snapshot: row.snapshot,
        language: row.language!,
        recipientId: row.recipient_id,
        senderPhone: row.sender_phone,
        lastActivityAt: row.last_activity_at!,
      };
    }
    entry.pending.push({ id: row.id, externalId: row.external_id, payload: row.payload, receivedAt: row.received_at });
  }
  return loaded;
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
 * Saves every conversation of the batch, queues their replies and marks their messages done,
 * in one statement. A message marked done loses its text in the same statement: what the person
 * typed (a NIK, a name) is kept only until it has been answered. The replies are inserted in
 * order, so within each chat their ids follow the order the flow emitted them.
 */
export async function saveTurns(tx: Tx, turns: readonly TurnResult[]): Promise<void> {
  if (turns.length === 0) return;
  const states = turns.map((turn) => turn.state);
  const replies = turns.flatMap((turn) => turn.replies.map((reply) => ({ channel: turn.channel, chatId: turn.chatId, payload: JSON.stringify(reply) })));
  await tx.$executeRaw`
    WITH saved AS (
      INSERT INTO conversation (channel, chat_id, machine_id, machine_version, snapshot, language,
                                recipient_id, sender_phone, last_activity_at, blocked_at, updated_at)
      SELECT s.channel, s.chat_id, s.machine_id, s.machine_version::int, s.snapshot::jsonb, s.language,
             s.recipient_id::int, s.sender_phone, s.last_activity_at::timestamptz, NULL, now()
      FROM unnest(${turns.map((turn) => turn.channel)}::text[], ${turns.map((turn) => turn.chatId)}::text[],
                  ${states.map((state) => state.machineId)}::text[], ${states.map((state) => String(state.machineVersion))}::text[],
                  ${states.map((state) => JSON.stringify(state.snapshot))}::text[], ${states.map((state) => state.language)}::text[],
                  ${states.map((state) => (state.recipientId === null ? null : String(state.recipientId)))}::text[],
                  ${states.map((state) => state.senderPhone)}::text[], ${states.map((state) => state.lastActivityAt.toISOString())}::text[])
           AS s(channel, chat_id, machine_id, machine_version, snapshot, language, recipient_id, sender_phone, last_activity_at)
      ON CONFLICT (channel, chat_id) DO UPDATE SET
        machine_id = excluded.machine_id, machine_version = excluded.machine_version, snapshot = excluded.snapshot,
        language = excluded.language, recipient_id = excluded.recipient_id, sender_phone = excluded.sender_phone,
        last_activity_at = excluded.last_activity_at, blocked_at = NULL, updated_at = now()
      RETURNING id),
    done AS (
      UPDATE inbound_message SET status = 'done', processed_at = now(), payload = ${redactedInboundPayload}, redacted_at = now()
      WHERE id = ANY(${turns.flatMap((turn) => turn.handled.map(String))}::bigint[])
      RETURNING id),
    queued AS (
      INSERT INTO outbound_message (channel, chat_id, payload, updated_at)
      SELECT r.channel, r.chat_id, r.payload::jsonb, now()
      FROM unnest(${replies.map((reply) => reply.channel)}::text[], ${replies.map((reply) => reply.chatId)}::text[],
                  ${replies.map((reply) => reply.payload)}::text[])
           WITH ORDINALITY AS r(channel, chat_id, payload, position)
      ORDER BY r.position
      RETURNING id)
    SELECT (SELECT count(*) FROM saved), (SELECT count(*) FROM done), (SELECT count(*) FROM queued)`;
}
