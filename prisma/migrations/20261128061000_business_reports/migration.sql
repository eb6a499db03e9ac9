-- CreateTable
CREATE TABLE "business_report" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "program_code" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "business_status" TEXT NOT NULL,
    "stop_reason" TEXT,
    "stop_note" TEXT,
    "sales_amount" BIGINT,
    "profit_amount" BIGINT,
    "family_workers" INTEGER,
    "paid_workers" INTEGER,
    "equipment_use" TEXT,
    "problems" TEXT,
    "channel" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "business_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_report_photo" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "media_key" TEXT NOT NULL,
    "thumbnail_key" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_report_photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_report_version" (
    "id" BIGSERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "business_status" TEXT NOT NULL,
    "stop_reason" TEXT,
    "stop_note" TEXT,
    "sales_amount" BIGINT,
    "profit_amount" BIGINT,
    "family_workers" INTEGER,
    "paid_workers" INTEGER,
    "equipment_use" TEXT,
    "problems" TEXT,
    "channel" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL,
    "photos" JSONB NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "replaced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "business_report_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "business_report_reference_key" ON "business_report"("reference");

-- CreateIndex
CREATE INDEX "business_report_period_program_code_recipient_id_idx" ON "business_report"("period", "program_code", "recipient_id");

-- CreateIndex
CREATE UNIQUE INDEX "business_report_recipient_id_program_code_period_key" ON "business_report"("recipient_id", "program_code", "period");

-- CreateIndex
CREATE UNIQUE INDEX "business_report_photo_report_id_position_key" ON "business_report_photo"("report_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "business_report_version_report_id_version_key" ON "business_report_version"("report_id", "version");

-- AddForeignKey
ALTER TABLE "business_report" ADD CONSTRAINT "business_report_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_report" ADD CONSTRAINT "business_report_program_code_fkey" FOREIGN KEY ("program_code") REFERENCES "program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_report_photo" ADD CONSTRAINT "business_report_photo_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "business_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_report_version" ADD CONSTRAINT "business_report_version_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "business_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
