-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ScamType" AS ENUM ('fake_customer_service_refund', 'courier_compensation', 'credit_repair_loan_giftcard', 'order_brushing', 'other');

-- CreateEnum
CREATE TYPE "ReportSource" AS ENUM ('web', 'import');

-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('phone', 'qq', 'qq_group', 'wechat', 'url', 'email', 'other');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('bank_transfer', 'alipay', 'wechat_pay', 'gift_card', 'card', 'cash', 'other');

-- CreateEnum
CREATE TYPE "PayeeKind" AS ENUM ('bank_account', 'alipay', 'wechat_pay', 'gift_card', 'merchant', 'other');

-- CreateEnum
CREATE TYPE "PlatformRole" AS ENUM ('order_leaked', 'impersonated', 'payment', 'loan', 'gift_card', 'other');

-- CreateEnum
CREATE TYPE "IdentifierKind" AS ENUM ('phone', 'qq', 'qq_group', 'wechat', 'url', 'email', 'bank_account', 'bank_account_partial', 'alipay', 'wechat_pay', 'gift_card', 'merchant', 'other');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('new', 'triage', 'investigating', 'referred', 'closed');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'investigator', 'liaison');

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('platform', 'bank', 'payment', 'courier', 'telecom', 'other');

-- CreateEnum
CREATE TYPE "WarningMatch" AS ENUM ('exact', 'prefix');

-- CreateEnum
CREATE TYPE "DecisionType" AS ENUM ('merge_cases', 'split_case', 'detach_report', 'no_link_reports', 'no_link_identifier');

-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('freeze_accounts', 'block_numbers', 'data_leak_notice', 'information');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('draft', 'sent', 'acknowledged', 'answered', 'closed');

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "source" "ReportSource" NOT NULL DEFAULT 'web',
    "externalId" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "incidentDate" DATE,
    "scamType" "ScamType" NOT NULL DEFAULT 'other',
    "narrative" TEXT NOT NULL DEFAULT '',
    "victimName" TEXT NOT NULL DEFAULT '',
    "victimPhone" TEXT NOT NULL DEFAULT '',
    "victimProvince" TEXT NOT NULL DEFAULT '',
    "victimCity" TEXT NOT NULL DEFAULT '',
    "consent" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "pinHash" TEXT,
    "submissionToken" TEXT,
    "caseId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportContact" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "rawValue" TEXT NOT NULL,

    CONSTRAINT "ReportContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'CNY',
    "paidAt" TIMESTAMP(3),
    "method" "PaymentMethod" NOT NULL DEFAULT 'other',
    "payeeKind" "PayeeKind" NOT NULL DEFAULT 'other',
    "payeeValue" TEXT NOT NULL DEFAULT '',
    "payeeName" TEXT NOT NULL DEFAULT '',
    "payeeBank" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Platform" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Platform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportPlatform" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "platformId" INTEGER NOT NULL,
    "role" "PlatformRole" NOT NULL DEFAULT 'other',
    "rawName" TEXT NOT NULL,

    CONSTRAINT "ReportPlatform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "reportId" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identifier" (
    "id" SERIAL NOT NULL,
    "kind" "IdentifierKind" NOT NULL,
    "value" TEXT NOT NULL,
    "display" TEXT NOT NULL,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportIdentifier" (
    "reportId" INTEGER NOT NULL,
    "identifierId" INTEGER NOT NULL,

    CONSTRAINT "ReportIdentifier_pkey" PRIMARY KEY ("reportId","identifierId")
);

-- CreateTable
CREATE TABLE "WarningListEntry" (
    "id" SERIAL NOT NULL,
    "kind" "IdentifierKind" NOT NULL,
    "match" "WarningMatch" NOT NULL DEFAULT 'exact',
    "value" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "WarningListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'new',
    "assigneeId" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "victimCount" INTEGER NOT NULL DEFAULT 0,
    "lossCnyMinor" BIGINT NOT NULL DEFAULT 0,
    "firstIncident" DATE,
    "lastIncident" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAlias" (
    "number" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,

    CONSTRAINT "CaseAlias_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchDecision" (
    "id" SERIAL NOT NULL,
    "type" "DecisionType" NOT NULL,
    "data" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "MatchDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "platformId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "orgId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiaisonRequest" (
    "id" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" "RequestKind" NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'draft',
    "body" TEXT NOT NULL,
    "identifierIds" INTEGER[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,

    CONSTRAINT "LiaisonRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "ip" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" SERIAL NOT NULL,
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_reference_key" ON "Report"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Report_externalId_key" ON "Report"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Report_submissionToken_key" ON "Report"("submissionToken");

-- CreateIndex
CREATE INDEX "Report_caseId_idx" ON "Report"("caseId");

-- CreateIndex
CREATE INDEX "Report_submittedAt_idx" ON "Report"("submittedAt");

-- CreateIndex
CREATE INDEX "ReportContact_reportId_idx" ON "ReportContact"("reportId");

-- CreateIndex
CREATE INDEX "Payment_reportId_idx" ON "Payment"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "Platform_key_key" ON "Platform"("key");

-- CreateIndex
CREATE INDEX "ReportPlatform_platformId_idx" ON "ReportPlatform"("platformId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportPlatform_reportId_platformId_role_key" ON "ReportPlatform"("reportId", "platformId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_storageKey_key" ON "Evidence"("storageKey");

-- CreateIndex
CREATE INDEX "Evidence_reportId_idx" ON "Evidence"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "Identifier_kind_value_key" ON "Identifier"("kind", "value");

-- CreateIndex
CREATE INDEX "ReportIdentifier_identifierId_idx" ON "ReportIdentifier"("identifierId");

-- CreateIndex
CREATE UNIQUE INDEX "WarningListEntry_kind_match_value_key" ON "WarningListEntry"("kind", "match", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");

-- CreateIndex
CREATE INDEX "Case_status_idx" ON "Case"("status");

-- CreateIndex
CREATE INDEX "Case_lossCnyMinor_idx" ON "Case"("lossCnyMinor");

-- CreateIndex
CREATE INDEX "Case_lastIncident_idx" ON "Case"("lastIncident");

-- CreateIndex
CREATE INDEX "CaseAlias_caseId_idx" ON "CaseAlias"("caseId");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_createdAt_idx" ON "CaseEvent"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseNote_caseId_createdAt_idx" ON "CaseNote"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "MatchDecision_type_revokedAt_idx" ON "MatchDecision"("type", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "LiaisonRequest_orgId_status_idx" ON "LiaisonRequest"("orgId", "status");

-- CreateIndex
CREATE INDEX "LiaisonRequest_caseId_idx" ON "LiaisonRequest"("caseId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_resourceType_resourceId_idx" ON "AuditEvent"("resourceType", "resourceId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "RateLimitHit_bucket_key_createdAt_idx" ON "RateLimitHit"("bucket", "key", "createdAt");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportContact" ADD CONSTRAINT "ReportContact_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPlatform" ADD CONSTRAINT "ReportPlatform_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPlatform" ADD CONSTRAINT "ReportPlatform_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportIdentifier" ADD CONSTRAINT "ReportIdentifier_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportIdentifier" ADD CONSTRAINT "ReportIdentifier_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarningListEntry" ADD CONSTRAINT "WarningListEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAlias" ADD CONSTRAINT "CaseAlias_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchDecision" ADD CONSTRAINT "MatchDecision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonRequest" ADD CONSTRAINT "LiaisonRequest_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Public numbers: R-YYYY-000123 for reports, C-YYYY-00042 for cases. Sequences
-- never hand out a number twice, even across failed transactions.
CREATE SEQUENCE "report_reference_seq";
CREATE SEQUENCE "case_number_seq";
