-- Written by hand (Prisma's schema language has no words for partial indexes).
--
-- Every change of an outbox row's status is a new row version, and a new version gets an entry in
-- every index whose condition it meets: with the full indexes below, a reply cost 28 index
-- entries (insert, claim, marked sending, sent: 7 each), and the claim walked each chat's whole
-- history, row versions of sent messages included, to find what was still in flight. Partial
-- indexes keep each row only where it is looked for: the claim's indexes hold messages waiting
-- to be sent, the retention and erasure indexes settled messages whose body is still kept. A
-- reply now costs 11 entries, and the claim reads only unsent rows.

-- The claim of replies: pending replies of a channel, oldest first (the claim takes them in id
-- order, so LIMIT stops early instead of sorting the backlog).
CREATE INDEX "outbound_message_pending_reply_idx" ON "outbound_message"("channel", "id")
  WHERE "status" = 'pending' AND "lane" = 0;

-- The claim of the bulk lanes: in due order, as before.
DROP INDEX "outbound_message_channel_lane_status_next_attempt_at_id_idx";
CREATE INDEX "outbound_message_pending_bulk_idx" ON "outbound_message"("channel", "lane", "next_attempt_at", "id")
  WHERE "status" = 'pending' AND "lane" <> 0;

-- Each chat's unsent messages, for the claim's per-chat order check, blocking a chat and opt-out.
DROP INDEX "outbound_message_channel_chat_id_id_idx";
CREATE INDEX "outbound_message_unsent_chat_idx" ON "outbound_message"("channel", "chat_id", "id")
  WHERE "status" IN ('pending', 'claimed', 'sending');

-- Erasure of one chat's settled messages whose body is still kept.
CREATE INDEX "outbound_message_kept_chat_idx" ON "outbound_message"("channel", "chat_id")
  WHERE "redacted_at" IS NULL AND "status" IN ('sent', 'failed', 'blocked');

-- The retention purge: settled messages whose body is still kept, oldest first.
DROP INDEX "outbound_message_redacted_at_created_at_idx";
CREATE INDEX "outbound_message_kept_created_at_idx" ON "outbound_message"("created_at")
  WHERE "redacted_at" IS NULL AND "status" IN ('sent', 'failed', 'blocked');

-- The dashboard's counts of messages given up on (the unsent ones are counted over the indexes above).
DROP INDEX "outbound_message_status_next_attempt_at_id_idx";
CREATE INDEX "outbound_message_settled_status_idx" ON "outbound_message"("status")
  WHERE "status" NOT IN ('pending', 'claimed', 'sending', 'sent');

-- Delivery receipts find a message by the platform's id, which only sent messages have.
DROP INDEX "outbound_message_channel_external_id_idx";
CREATE INDEX "outbound_message_channel_external_id_idx" ON "outbound_message"("channel", "external_id")
  WHERE "external_id" IS NOT NULL;

-- Proactive messages of a send (progress, cancel, opt-out); replies have none.
DROP INDEX "outbound_message_proactive_send_id_idx";
CREATE INDEX "outbound_message_proactive_send_id_idx" ON "outbound_message"("proactive_send_id")
  WHERE "proactive_send_id" IS NOT NULL;

-- The inbound retention purge: processed messages whose body is still kept (processing clears
-- it, so on the message path a row never enters this index).
DROP INDEX "inbound_message_redacted_at_received_at_idx";
CREATE INDEX "inbound_message_kept_received_at_idx" ON "inbound_message"("received_at")
  WHERE "redacted_at" IS NULL AND "status" <> 'pending';
