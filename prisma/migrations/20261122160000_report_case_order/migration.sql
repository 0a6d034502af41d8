-- CreateIndex
CREATE INDEX "Report_caseId_id_idx" ON "Report"("caseId", "id");
