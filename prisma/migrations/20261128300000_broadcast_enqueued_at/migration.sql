-- A scheduled broadcast is queued by the scheduler when its send time comes, not at confirmation:
-- enqueued_at records that it was (set once, by a conditional update that claims it).
ALTER TABLE "broadcast" ADD COLUMN "enqueued_at" TIMESTAMPTZ(3);

-- Broadcasts confirmed before this change were queued at confirmation.
UPDATE "broadcast" SET "enqueued_at" = "confirmed_at" WHERE "confirmed_at" IS NOT NULL;

-- The scheduler's look-up: confirmed, not yet queued, due.
CREATE INDEX "broadcast_status_enqueued_at_send_at_idx" ON "broadcast"("status", "enqueued_at", "send_at");
