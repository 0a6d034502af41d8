-- CreateEnum
CREATE TYPE "SharedNumberStatus" AS ENUM ('held', 'official', 'scammer', 'released');

-- AlterEnum
ALTER TYPE "DecisionType" ADD VALUE 'link_identifier';

-- CreateTable
CREATE TABLE "SharedNumber" (
    "id" SERIAL NOT NULL,
    "identifierId" INTEGER NOT NULL,
    "status" "SharedNumberStatus" NOT NULL DEFAULT 'held',
    "reports" INTEGER NOT NULL,
    "groups" INTEGER NOT NULL,
    "heldAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "decisionId" INTEGER,
    "warningEntryId" INTEGER,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "SharedNumber_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SharedNumber_identifierId_key" ON "SharedNumber"("identifierId");

-- CreateIndex
CREATE INDEX "SharedNumber_status_groups_idx" ON "SharedNumber"("status", "groups" DESC);

-- AddForeignKey
ALTER TABLE "SharedNumber" ADD CONSTRAINT "SharedNumber_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "guardCheckedReports" INTEGER NOT NULL DEFAULT 0;
