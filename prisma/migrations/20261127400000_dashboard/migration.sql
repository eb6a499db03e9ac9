-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "staff_user_id" INTEGER;

-- CreateTable
CREATE TABLE "staff_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_session" (
    "token_hash" TEXT NOT NULL,
    "staff_user_id" INTEGER NOT NULL,
    "csrf_secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "staff_login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,

    CONSTRAINT "staff_login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpm_group" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "program_code" TEXT NOT NULL,
    "prokus_model" TEXT,
    "regency" TEXT NOT NULL,
    "district" TEXT,
    "village" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpm_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpm_group_member" (
    "group_id" INTEGER NOT NULL,
    "recipient_id" INTEGER NOT NULL,

    CONSTRAINT "kpm_group_member_pkey" PRIMARY KEY ("group_id","recipient_id")
);

-- CreateTable
CREATE TABLE "kpm_group_facilitator" (
    "group_id" INTEGER NOT NULL,
    "staff_user_id" INTEGER NOT NULL,

    CONSTRAINT "kpm_group_facilitator_pkey" PRIMARY KEY ("group_id","staff_user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_user_username_key" ON "staff_user"("username");

-- CreateIndex
CREATE INDEX "staff_session_staff_user_id_idx" ON "staff_session"("staff_user_id");

-- CreateIndex
CREATE INDEX "staff_session_expires_at_idx" ON "staff_session"("expires_at");

-- CreateIndex
CREATE INDEX "staff_login_attempt_username_at_idx" ON "staff_login_attempt"("username", "at");

-- CreateIndex
CREATE INDEX "staff_login_attempt_address_at_idx" ON "staff_login_attempt"("address", "at");

-- CreateIndex
CREATE UNIQUE INDEX "kpm_group_name_key" ON "kpm_group"("name");

-- CreateIndex
CREATE INDEX "kpm_group_member_recipient_id_idx" ON "kpm_group_member"("recipient_id");

-- CreateIndex
CREATE INDEX "kpm_group_facilitator_staff_user_id_idx" ON "kpm_group_facilitator"("staff_user_id");

-- CreateIndex
CREATE INDEX "audit_log_staff_user_id_at_idx" ON "audit_log"("staff_user_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "recipient_regency_district_id_idx" ON "recipient"("regency", "district", "id");

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_group_member" ADD CONSTRAINT "kpm_group_member_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "kpm_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_group_member" ADD CONSTRAINT "kpm_group_member_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "recipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_group_facilitator" ADD CONSTRAINT "kpm_group_facilitator_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "kpm_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_group_facilitator" ADD CONSTRAINT "kpm_group_facilitator_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recipient search by the beginning of the name or village, case-insensitive and index-backed
-- in any database collation: under COLLATE "C", LIKE 'prefix%' is an index range, and the
-- (key, id) order lets a page stop after 50 rows. Prisma does not model expression indexes
-- (schema-agreement ignores them); src/dashboard/pages/recipients/search-recipients.ts uses them.
CREATE INDEX "recipient_name_search_idx" ON "recipient" ((lower("full_name") COLLATE "C"), "id");
CREATE INDEX "recipient_village_search_idx" ON "recipient" ((lower("village") COLLATE "C"), "id");
