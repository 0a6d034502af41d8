-- CreateTable
-- UNLOGGED (written by hand, Prisma cannot say it): these are abuse counters that a crash
-- may lose, and every lookup updates the current second's row of its key. Without WAL
-- for the row, the commit does not wait for a disk flush while holding the row's lock,
-- which would serialise a busy key's lookups behind one flush each
CREATE UNLOGGED TABLE "RateLimitCount" (
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "RateLimitCount_pkey" PRIMARY KEY ("bucket","key","slot")
);

-- CreateIndex
CREATE INDEX "RateLimitCount_bucket_slot_idx" ON "RateLimitCount"("bucket", "slot");

