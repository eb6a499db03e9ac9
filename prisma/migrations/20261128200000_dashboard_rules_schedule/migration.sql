-- Reminder rules can be paused from the dashboard; a scheduled broadcast remembers the zone
-- its time was given in.
ALTER TABLE "reminder_rule" ADD COLUMN "paused_at" TIMESTAMPTZ(3);
ALTER TABLE "broadcast" ADD COLUMN "time_zone" TEXT;
