-- Reminder rules can be paused from the dashboard, and a double submit of its form makes one
-- rule; a scheduled broadcast remembers the zone its time was given in.
ALTER TABLE "reminder_rule" ADD COLUMN "paused_at" TIMESTAMPTZ(3);
ALTER TABLE "reminder_rule" ADD COLUMN "request_key" TEXT;
CREATE UNIQUE INDEX "reminder_rule_request_key_key" ON "reminder_rule"("request_key");
ALTER TABLE "broadcast" ADD COLUMN "time_zone" TEXT;
