-- CreateIndex
CREATE INDEX "inbound_message_received_at_idx" ON "inbound_message" USING BRIN ("received_at");
