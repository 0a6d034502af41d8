-- CreateTable
CREATE TABLE "StatusSession" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "reportId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "StatusSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusSession_tokenHash_key" ON "StatusSession"("tokenHash");

-- CreateIndex
CREATE INDEX "StatusSession_reportId_idx" ON "StatusSession"("reportId");

-- CreateIndex
CREATE INDEX "StatusSession_expiresAt_idx" ON "StatusSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "StatusSession" ADD CONSTRAINT "StatusSession_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

