-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "redacted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "redacted_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "inbound_message_redacted_at_received_at_idx" ON "inbound_message"("redacted_at", "received_at");

-- CreateIndex
CREATE INDEX "outbound_message_redacted_at_created_at_idx" ON "outbound_message"("redacted_at", "created_at");
