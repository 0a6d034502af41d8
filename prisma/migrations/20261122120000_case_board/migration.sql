-- DropIndex
DROP INDEX "Case_lastIncident_idx";

-- DropIndex
DROP INDEX "Case_lossCnyMinor_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "platformIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "provinces" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "scamTypes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "Case_lossCnyMinor_id_idx" ON "Case"("lossCnyMinor" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Case_reportCount_id_idx" ON "Case"("reportCount" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Case_lastIncident_id_idx" ON "Case"("lastIncident" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Case_assigneeId_idx" ON "Case"("assigneeId");

-- CreateIndex
CREATE INDEX "Case_provinces_idx" ON "Case" USING GIN ("provinces");

-- CreateIndex
CREATE INDEX "Case_platformIds_idx" ON "Case" USING GIN ("platformIds");

-- CreateIndex
CREATE INDEX "Case_scamTypes_idx" ON "Case" USING GIN ("scamTypes");


-- Backfill the filter arrays of existing cases from their reports.
UPDATE "Case" c SET "provinces" = COALESCE(s.p, ARRAY[]::TEXT[]), "scamTypes" = COALESCE(s.t, ARRAY[]::TEXT[])
FROM (
  SELECT "caseId",
         array_agg(DISTINCT "victimProvince") FILTER (WHERE "victimProvince" <> '') AS p,
         array_agg(DISTINCT "scamType"::text) AS t
  FROM "Report" WHERE "caseId" IS NOT NULL GROUP BY "caseId"
) s
WHERE c."id" = s."caseId";

UPDATE "Case" c SET "platformIds" = s.p
FROM (
  SELECT r."caseId", array_agg(DISTINCT rp."platformId") AS p
  FROM "ReportPlatform" rp JOIN "Report" r ON r."id" = rp."reportId"
  WHERE r."caseId" IS NOT NULL GROUP BY r."caseId"
) s
WHERE c."id" = s."caseId";
