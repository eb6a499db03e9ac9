-- AlterTable
ALTER TABLE "conversation" ADD COLUMN     "opted_out_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "lane" SMALLINT NOT NULL DEFAULT 0,
ADD COLUMN     "proactive_send_id" BIGINT;

-- CreateTable
CREATE TABLE "broadcast" (
    "id" SERIAL NOT NULL,
    "request_key" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "target" JSONB NOT NULL,
    "message" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "send_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_rule" (
    "id" SERIAL NOT NULL,
    "owner_kind" TEXT NOT NULL,
    "owner_id" TEXT,
    "created_by_id" INTEGER,
    "recurrence" JSONB NOT NULL,
    "time_zone" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "message" JSONB NOT NULL,
    "next_fire_at" TIMESTAMPTZ(3),
    "last_fired_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proactive_send" (
    "id" BIGSERIAL NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_id" INTEGER NOT NULL,
    "occurrence_key" TEXT NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "channel" TEXT,
    "chat_id" TEXT,
    "skip_reason" TEXT,
    "time_zone" TEXT NOT NULL,
    "quiet_start" SMALLINT NOT NULL,
    "quiet_end" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proactive_send_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quiet_hours_override" (
    "region" TEXT NOT NULL,
    "quiet_start" SMALLINT NOT NULL,
    "quiet_end" SMALLINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quiet_hours_override_pkey" PRIMARY KEY ("region")
);

-- CreateIndex
CREATE UNIQUE INDEX "broadcast_request_key_key" ON "broadcast"("request_key");

-- CreateIndex
CREATE INDEX "broadcast_created_by_id_id_idx" ON "broadcast"("created_by_id", "id");

-- CreateIndex
CREATE INDEX "reminder_rule_next_fire_at_idx" ON "reminder_rule"("next_fire_at");

-- CreateIndex
CREATE INDEX "reminder_rule_owner_kind_owner_id_idx" ON "reminder_rule"("owner_kind", "owner_id");

-- CreateIndex
CREATE INDEX "proactive_send_recipient_id_idx" ON "proactive_send"("recipient_id");

-- CreateIndex
CREATE UNIQUE INDEX "proactive_send_source_kind_source_id_occurrence_key_recipie_key" ON "proactive_send"("source_kind", "source_id", "occurrence_key", "recipient_id");

-- CreateIndex
CREATE INDEX "outbound_message_channel_lane_status_next_attempt_at_id_idx" ON "outbound_message"("channel", "lane", "status", "next_attempt_at", "id");

-- CreateIndex
CREATE INDEX "outbound_message_proactive_send_id_idx" ON "outbound_message"("proactive_send_id");
