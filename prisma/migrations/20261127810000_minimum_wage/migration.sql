-- CreateTable
CREATE TABLE "minimum_wage" (
    "regency" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amount_sen" BIGINT NOT NULL,
    "source" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" INTEGER,

    CONSTRAINT "minimum_wage_pkey" PRIMARY KEY ("regency","year")
);
