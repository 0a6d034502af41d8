-- Victim name, phone and narrative become encrypted envelopes through a data step at start
-- (lib/pii, lib/db/prepare.ts), since the key never reaches SQL. Here only the search columns:
-- keyed hashes of the phone (victimKey, existing) and of the name, filled by the same step.

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "victimNameKey" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Report_victimKey_idx" ON "Report"("victimKey");

-- CreateIndex
CREATE INDEX "Report_victimNameKey_idx" ON "Report"("victimNameKey");

