import type { Database } from '../storage/database.js';
import { redactedInboundPayload, redactedOutboundPayload } from './redacted-payload.js';

/**
 * One bounded batch of each kind of purge. Every statement picks its rows with
 * `FOR UPDATE SKIP LOCKED`, so several processes purging at once split the work instead of
 * waiting on each other, and a row the engine or the outbox holds right now is left for the next
 * round. Each returns how many rows it changed; fewer than `limit` means nothing is left.
 */

/** Bodies of messages already processed or set aside (a pending message keeps its text until it is answered). */
export function clearInboundBodies(db: Database, cutoff: Date, now: Date, limit: number): Promise<number> {
  return db.prisma.$executeRaw`
    UPDATE inbound_message SET payload = ${redactedInboundPayload}, redacted_at = ${now}
    WHERE id IN (SELECT id FROM inbound_message
                 WHERE redacted_at IS NULL AND received_at < ${cutoff} AND status <> 'pending'
                 ORDER BY received_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}

/** Bodies of outgoing messages that will never be sent again (sent, failed, or to a chat that blocked the bot). */
export function clearOutboundBodies(db: Database, cutoff: Date, now: Date, limit: number): Promise<number> {
  return db.prisma.$executeRaw`
    UPDATE outbound_message SET payload = ${redactedOutboundPayload}, redacted_at = ${now}
    WHERE id IN (SELECT id FROM outbound_message
                 WHERE redacted_at IS NULL AND created_at < ${cutoff} AND status IN ('sent', 'failed', 'blocked')
                 ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}

/** Verification attempts older than the window they are counted in: they no longer limit anyone. */
export function deleteExpiredAttempts(db: Database, cutoff: Date, limit: number): Promise<number> {
  return db.prisma.$executeRaw`
    DELETE FROM verification_attempt
    WHERE id IN (SELECT id FROM verification_attempt WHERE at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}

/**
 * Empties a secret context field (a pending NIK) in the snapshots of conversations idle longer
 * than the idle timeout. Invisible to the person: the next message after that timeout restarts
 * the conversation at the menu anyway, which forgets the field. A chat with a message still
 * waiting to be processed is left alone: that message may have arrived in time (after a crash,
 * processing can lag well behind arrival).
 */
export function clearIdleSecret(db: Database, field: string, cutoff: Date, limit: number): Promise<number> {
  return db.prisma.$executeRaw`
    UPDATE conversation SET snapshot = jsonb_set(snapshot, ARRAY['context', ${field}]::text[], 'null'::jsonb, false)
    WHERE id IN (SELECT c.id FROM conversation c
                 WHERE c.last_activity_at < ${cutoff} AND c.snapshot->'context'->>${field} IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM inbound_message i
                                   WHERE i.channel = c.channel AND i.chat_id = c.chat_id AND i.status = 'pending')
                 LIMIT ${limit} FOR UPDATE OF c SKIP LOCKED)`;
}
