-- Laporan usaha: the month's table across programs walks (period, recipient_id, program_code)
-- in keyset order, and its totals read status, sales and profit from the index alone; a region
-- filter joins one regency's recipient ids in order (a merge join) without visiting their rows.
-- CreateIndex
CREATE INDEX "business_report_period_recipient_id_program_code_business_s_idx" ON "business_report"("period", "recipient_id", "program_code", "business_status", "sales_amount", "profit_amount");

-- CreateIndex
CREATE INDEX "recipient_regency_id_idx" ON "recipient"("regency", "id");
