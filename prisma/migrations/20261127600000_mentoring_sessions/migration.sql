-- CreateTable
CREATE TABLE "facilitator_link_code" (
    "id" SERIAL NOT NULL,
    "staff_user_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "facilitator_link_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilitator_link_attempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,

    CONSTRAINT "facilitator_link_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilitator_chat" (
    "channel" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "staff_user_id" INTEGER NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "facilitator_chat_pkey" PRIMARY KEY ("channel","chat_id")
);

-- CreateTable
CREATE TABLE "mentoring_session" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "facilitator_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mentoring_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_session_group" (
    "session_id" INTEGER NOT NULL,
    "group_id" INTEGER NOT NULL,

    CONSTRAINT "mentoring_session_group_pkey" PRIMARY KEY ("session_id","group_id")
);

-- CreateTable
CREATE TABLE "session_invitation" (
    "id" SERIAL NOT NULL,
    "session_id" INTEGER NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "rsvp" TEXT,
    "rsvp_at" TIMESTAMPTZ(3),
    "attended" BOOLEAN,
    "attendance_marked_at" TIMESTAMPTZ(3),
    "prompt_channel" TEXT,
    "prompt_chat_id" TEXT,
    "prompted_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_notice" (
    "id" SERIAL NOT NULL,
    "session_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "fired_at" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "session_notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "facilitator_link_code_code_hash_key" ON "facilitator_link_code"("code_hash");

-- CreateIndex
CREATE INDEX "facilitator_link_code_staff_user_id_idx" ON "facilitator_link_code"("staff_user_id");

-- CreateIndex
CREATE INDEX "facilitator_link_attempt_channel_chat_id_at_idx" ON "facilitator_link_attempt"("channel", "chat_id", "at");

-- CreateIndex
CREATE INDEX "facilitator_link_attempt_at_idx" ON "facilitator_link_attempt"("at");

-- CreateIndex
CREATE INDEX "facilitator_chat_staff_user_id_idx" ON "facilitator_chat"("staff_user_id");

-- CreateIndex
CREATE INDEX "mentoring_session_starts_at_idx" ON "mentoring_session"("starts_at");

-- CreateIndex
CREATE INDEX "mentoring_session_facilitator_id_starts_at_idx" ON "mentoring_session"("facilitator_id", "starts_at");

-- CreateIndex
CREATE INDEX "mentoring_session_group_group_id_idx" ON "mentoring_session_group"("group_id");

-- CreateIndex
CREATE INDEX "session_invitation_recipient_id_idx" ON "session_invitation"("recipient_id");

-- CreateIndex
CREATE INDEX "session_invitation_prompt_channel_prompt_chat_id_prompted_a_idx" ON "session_invitation"("prompt_channel", "prompt_chat_id", "prompted_at");

-- CreateIndex
CREATE UNIQUE INDEX "session_invitation_session_id_recipient_id_key" ON "session_invitation"("session_id", "recipient_id");

-- CreateIndex
CREATE INDEX "session_notice_fired_at_fire_at_idx" ON "session_notice"("fired_at", "fire_at");

-- CreateIndex
CREATE INDEX "session_notice_session_id_idx" ON "session_notice"("session_id");

-- AddForeignKey
ALTER TABLE "facilitator_link_code" ADD CONSTRAINT "facilitator_link_code_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilitator_chat" ADD CONSTRAINT "facilitator_chat_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_session" ADD CONSTRAINT "mentoring_session_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_session_group" ADD CONSTRAINT "mentoring_session_group_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "mentoring_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_session_group" ADD CONSTRAINT "mentoring_session_group_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "kpm_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_invitation" ADD CONSTRAINT "session_invitation_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "mentoring_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_invitation" ADD CONSTRAINT "session_invitation_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_notice" ADD CONSTRAINT "session_notice_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "mentoring_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
