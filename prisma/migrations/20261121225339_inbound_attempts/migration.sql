-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0;
