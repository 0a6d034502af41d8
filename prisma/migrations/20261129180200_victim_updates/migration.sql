-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "additionId" INTEGER;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "additionId" INTEGER;

-- AlterTable
ALTER TABLE "ReportContact" ADD COLUMN     "additionId" INTEGER;

-- AlterTable
ALTER TABLE "ReportPlatform" ADD COLUMN     "additionId" INTEGER;

-- CreateTable
CREATE TABLE "CaseBulletin" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "bodyZh" TEXT NOT NULL DEFAULT '',
    "bodyEn" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseBulletin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportAddition" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportAddition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseBulletin_caseId_createdAt_idx" ON "CaseBulletin"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportAddition_reportId_createdAt_idx" ON "ReportAddition"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "Evidence_additionId_idx" ON "Evidence"("additionId");

-- CreateIndex
CREATE INDEX "Payment_additionId_idx" ON "Payment"("additionId");

-- CreateIndex
CREATE INDEX "ReportContact_additionId_idx" ON "ReportContact"("additionId");

-- CreateIndex
CREATE INDEX "ReportPlatform_additionId_idx" ON "ReportPlatform"("additionId");

-- AddForeignKey
ALTER TABLE "ReportContact" ADD CONSTRAINT "ReportContact_additionId_fkey" FOREIGN KEY ("additionId") REFERENCES "ReportAddition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_additionId_fkey" FOREIGN KEY ("additionId") REFERENCES "ReportAddition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPlatform" ADD CONSTRAINT "ReportPlatform_additionId_fkey" FOREIGN KEY ("additionId") REFERENCES "ReportAddition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_additionId_fkey" FOREIGN KEY ("additionId") REFERENCES "ReportAddition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseBulletin" ADD CONSTRAINT "CaseBulletin_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseBulletin" ADD CONSTRAINT "CaseBulletin_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAddition" ADD CONSTRAINT "ReportAddition_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
