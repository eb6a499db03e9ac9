-- CreateTable
CREATE TABLE "program" (
    "code" TEXT NOT NULL,
    "name_id" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_id" TEXT,
    "description_en" TEXT,

    CONSTRAINT "program_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "program_stage" (
    "program_code" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label_id" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,

    CONSTRAINT "program_stage_pkey" PRIMARY KEY ("program_code","code")
);

-- CreateTable
CREATE TABLE "recipient" (
    "id" SERIAL NOT NULL,
    "nik" CHAR(16) NOT NULL,
    "full_name" TEXT NOT NULL,
    "kk_number" CHAR(16),
    "phone" TEXT,
    "regency" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "village" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage_event" (
    "id" SERIAL NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "program_code" TEXT NOT NULL,
    "stage_code" TEXT NOT NULL,
    "occurred_on" DATE NOT NULL,
    "amount" BIGINT,
    "channel" TEXT,
    "place" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stage_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "machine_id" TEXT NOT NULL,
    "machine_version" INTEGER NOT NULL,
    "snapshot" JSONB,
    "language" TEXT NOT NULL DEFAULT 'id',
    "recipient_id" INTEGER,
    "sender_phone" TEXT,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blocked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_message" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'reply',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "external_id" TEXT,
    "delivery_status" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "recipient_id" INTEGER,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_attempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "nik_hash" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,

    CONSTRAINT "verification_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "channel_state" (
    "channel" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_state_pkey" PRIMARY KEY ("channel","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "program_stage_program_code_position_key" ON "program_stage"("program_code", "position");

-- CreateIndex
CREATE UNIQUE INDEX "recipient_nik_key" ON "recipient"("nik");

-- CreateIndex
CREATE INDEX "recipient_phone_idx" ON "recipient"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "stage_event_recipient_id_program_code_stage_code_key" ON "stage_event"("recipient_id", "program_code", "stage_code");

-- CreateIndex
CREATE INDEX "conversation_recipient_id_idx" ON "conversation"("recipient_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_channel_chat_id_key" ON "conversation"("channel", "chat_id");

-- CreateIndex
CREATE INDEX "inbound_message_channel_chat_id_status_id_idx" ON "inbound_message"("channel", "chat_id", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_message_channel_external_id_key" ON "inbound_message"("channel", "external_id");

-- CreateIndex
CREATE INDEX "outbound_message_status_next_attempt_at_id_idx" ON "outbound_message"("status", "next_attempt_at", "id");

-- CreateIndex
CREATE INDEX "outbound_message_channel_chat_id_id_idx" ON "outbound_message"("channel", "chat_id", "id");

-- CreateIndex
CREATE INDEX "outbound_message_channel_external_id_idx" ON "outbound_message"("channel", "external_id");

-- CreateIndex
CREATE INDEX "audit_log_recipient_id_at_idx" ON "audit_log"("recipient_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_channel_chat_id_at_idx" ON "audit_log"("channel", "chat_id", "at");

-- CreateIndex
CREATE INDEX "verification_attempt_channel_chat_id_at_idx" ON "verification_attempt"("channel", "chat_id", "at");

-- CreateIndex
CREATE INDEX "verification_attempt_nik_hash_at_idx" ON "verification_attempt"("nik_hash", "at");

-- AddForeignKey
ALTER TABLE "program_stage" ADD CONSTRAINT "program_stage_program_code_fkey" FOREIGN KEY ("program_code") REFERENCES "program"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_event" ADD CONSTRAINT "stage_event_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_event" ADD CONSTRAINT "stage_event_program_code_fkey" FOREIGN KEY ("program_code") REFERENCES "program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE SET NULL ON UPDATE CASCADE;
