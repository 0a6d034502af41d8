-- Victims per case are counted by a key the application writes with each report
-- (digits of the phone of the victim, else the report reference), indexed with
-- the case so that adding a report to a large case does not rescan it.
-- (No apostrophes in comments here: the migration runner splits on quotes.)
DROP INDEX "Report_caseId_idx";

ALTER TABLE "Report" ADD COLUMN     "victimKey" TEXT NOT NULL DEFAULT '';

UPDATE "Report" SET "victimKey" = COALESCE(NULLIF(regexp_replace("victimPhone", '\D', '', 'g'), ''), "reference");

CREATE INDEX "Report_caseId_victimKey_idx" ON "Report"("caseId", "victimKey");
