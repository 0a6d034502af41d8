-- CreateEnum
CREATE TYPE "RequestOutcome" AS ENUM ('frozen', 'withdrawn', 'not_found', 'blocked', 'taken_down', 'provided', 'declined');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrgKind" ADD VALUE 'internet';
ALTER TYPE "OrgKind" ADD VALUE 'hosting';

-- AlterEnum
ALTER TYPE "RequestKind" ADD VALUE 'take_down';

-- DropForeignKey
ALTER TABLE "LiaisonRequest" DROP CONSTRAINT "LiaisonRequest_answeredById_fkey";

-- DropForeignKey
ALTER TABLE "LiaisonRequest" DROP CONSTRAINT "LiaisonRequest_caseId_fkey";

-- DropForeignKey
ALTER TABLE "LiaisonRequest" DROP CONSTRAINT "LiaisonRequest_orgId_fkey";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "frozenMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "recoveredMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "requestsDueAt" TIMESTAMP(3);

-- Request numbers (Q-2026-000123) come from their own sequence, like case numbers.
CREATE SEQUENCE liaison_request_number_seq;

-- AlterTable (no code path created requests before this migration: the defaults only cover rows made by hand)
ALTER TABLE "LiaisonRequest" DROP COLUMN "answer",
DROP COLUMN "answeredById",
DROP COLUMN "identifierIds",
ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "acknowledgedById" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "disclosures" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "sharedVictims" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "followUpOfId" TEXT,
ADD COLUMN     "mailedDueSoonAt" TIMESTAMP(3),
ADD COLUMN     "mailedNewAt" TIMESTAMP(3),
ADD COLUMN     "mailedOverdueAt" TIMESTAMP(3),
ADD COLUMN     "number" TEXT NOT NULL DEFAULT ('Q-0000-' || lpad(nextval('liaison_request_number_seq')::text, 6, '0')),
ADD COLUMN     "platformId" INTEGER,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "victimCount" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "body" SET DEFAULT '';

ALTER TABLE "LiaisonRequest" ALTER COLUMN "number" DROP DEFAULT, ALTER COLUMN "updatedAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "routeKeys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "LiaisonRequestItem" (
    "id" SERIAL NOT NULL,
    "requestId" TEXT NOT NULL,
    "identifierId" INTEGER,
    "kind" "IdentifierKind" NOT NULL,
    "display" TEXT NOT NULL,
    "paidMinor" BIGINT NOT NULL DEFAULT 0,
    "paymentCount" INTEGER NOT NULL DEFAULT 0,
    "victimCount" INTEGER NOT NULL DEFAULT 0,
    "firstPaidAt" TIMESTAMP(3),
    "lastPaidAt" TIMESTAMP(3),
    "outcome" "RequestOutcome",
    "frozenMinor" BIGINT,
    "recoveredMinor" BIGINT,
    "answerNote" TEXT NOT NULL DEFAULT '',
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,
    "attachmentKey" TEXT,
    "attachmentName" TEXT,
    "attachmentMime" TEXT,
    "attachmentSize" INTEGER,
    "attachmentSha256" CHAR(64),

    CONSTRAINT "LiaisonRequestItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentifierRoute" (
    "identifierId" INTEGER NOT NULL,
    "orgId" TEXT NOT NULL,
    "setById" TEXT,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentifierRoute_pkey" PRIMARY KEY ("identifierId")
);

-- CreateIndex
CREATE UNIQUE INDEX "LiaisonRequestItem_attachmentKey_key" ON "LiaisonRequestItem"("attachmentKey");

-- CreateIndex
CREATE INDEX "LiaisonRequestItem_identifierId_idx" ON "LiaisonRequestItem"("identifierId");

-- CreateIndex
CREATE UNIQUE INDEX "LiaisonRequestItem_requestId_identifierId_key" ON "LiaisonRequestItem"("requestId", "identifierId");

-- CreateIndex
CREATE INDEX "IdentifierRoute_orgId_idx" ON "IdentifierRoute"("orgId");

-- CreateIndex
CREATE INDEX "Case_frozenMinor_id_idx" ON "Case"("frozenMinor" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "LiaisonRequest_number_key" ON "LiaisonRequest"("number");

-- CreateIndex
CREATE INDEX "LiaisonRequest_status_dueAt_idx" ON "LiaisonRequest"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_followUpOfId_fkey" FOREIGN KEY ("followUpOfId") REFERENCES "LiaisonRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequestItem" ADD CONSTRAINT "LiaisonRequestItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "LiaisonRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequestItem" ADD CONSTRAINT "LiaisonRequestItem_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequestItem" ADD CONSTRAINT "LiaisonRequestItem_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentifierRoute" ADD CONSTRAINT "IdentifierRoute_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentifierRoute" ADD CONSTRAINT "IdentifierRoute_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentifierRoute" ADD CONSTRAINT "IdentifierRoute_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

