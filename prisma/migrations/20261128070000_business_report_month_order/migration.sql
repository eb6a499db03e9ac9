-- CreateIndex
CREATE INDEX "business_report_period_recipient_id_program_code_idx" ON "business_report"("period", "recipient_id", "program_code");
