-- AlterTable
ALTER TABLE "CaseAlias" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "rootReportId" INTEGER;

-- AlterTable
ALTER TABLE "Identifier" ADD COLUMN     "linkable" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "MatchDecision" ADD COLUMN     "identifierId" INTEGER,
ADD COLUMN     "reportIds" INTEGER[];

-- AlterTable
ALTER TABLE "ReportIdentifier" ADD COLUMN     "meta" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "ReportBridge" (
    "reportId" INTEGER NOT NULL,
    "identifierId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "ReportBridge_pkey" PRIMARY KEY ("reportId","identifierId","key")
);

-- CreateIndex
CREATE INDEX "ReportBridge_key_idx" ON "ReportBridge"("key");

-- CreateIndex
CREATE INDEX "MatchDecision_reportIds_idx" ON "MatchDecision" USING GIN ("reportIds");

-- AddForeignKey
ALTER TABLE "ReportBridge" ADD CONSTRAINT "ReportBridge_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportBridge" ADD CONSTRAINT "ReportBridge_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Seed warning list (lib/matching/warning-list.ts SEED_WARNING_LIST): hotlines,
-- official sites and payment processors that must never link reports. Admins edit it in the app.
INSERT INTO "WarningListEntry" ("kind", "match", "value", "label") VALUES
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86110', 'Police'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86120', 'Ambulance'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86119', 'Fire'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86122', 'Traffic police'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86114', 'Directory enquiries'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8696110', 'Anti-fraud warning line'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612381', 'MIIT fraud-call warning'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612321', 'Spam and fraud reporting'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612377', 'Illegal content reporting'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612315', 'Consumer complaints'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612345', 'Government service line'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612306', 'China Railway'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8612110', 'Police SMS'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8610086', 'China Mobile'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8610010', 'China Unicom'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8610000', 'China Telecom'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8610099', 'China Broadnet'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695311', 'ZTO Express'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695338', 'SF Express'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695543', 'STO Express'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695554', 'YTO Express'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695546', 'Yunda Express'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695320', 'Courier hotline (Best/ZTO)'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8611183', 'China Post EMS'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86950616', 'JD Logistics'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695353', 'Deppon'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86956025', 'J&T Express'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8611185', 'China Post'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695188', 'Alipay'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695017', 'WeChat Pay / Tenpay'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695516', 'China UnionPay'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695588', 'ICBC'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695533', 'CCB'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695599', 'ABC'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695566', 'BOC'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695559', 'Bank of Communications'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695555', 'China Merchants Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695580', 'PSBC'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695558', 'CITIC Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695595', 'China Everbright Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695568', 'China Minsheng Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695561', 'Industrial Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695528', 'SPDB'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695511', 'Ping An'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695577', 'Hua Xia Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695508', 'China Guangfa Bank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695526', 'Bank of Beijing'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695519', 'China Life'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695518', 'PICC'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695500', 'CPIC'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+869510211', 'Taobao / Tmall customer service'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695118', 'JD.com'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+86950618', 'JD.com customer service'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+862153395288', 'Pinduoduo customer service'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695315', 'Suning'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695152', 'Douyin'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695166', 'Kuaishou'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8610107888', 'Meituan'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8610105757', 'Ele.me'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695018', 'Didi'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8675583765566', 'Tencent customer service'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695068', 'WeBank'),
  ('phone'::"IdentifierKind", 'exact'::"WarningMatch", '+8695384', 'WeBank'),
  ('phone'::"IdentifierKind", 'prefix'::"WarningMatch", '+86400', '400 shared-cost business numbers'),
  ('phone'::"IdentifierKind", 'prefix'::"WarningMatch", '+86800', '800 toll-free business numbers'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'icbc.com.cn', 'ICBC'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'ccb.com', 'CCB'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'abchina.com', 'ABC'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'boc.cn', 'BOC'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'bankcomm.com', 'BoCom'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'cmbchina.com', 'CMB'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'psbc.com', 'PSBC'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", '95516.com', 'UnionPay'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'unionpay.com', 'UnionPay'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", '12321.cn', 'Spam reporting'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'cyberpolice.cn', 'Cyber police'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'sf-express.com', 'SF Express'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'zto.com', 'ZTO'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'yto.net.cn', 'YTO'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'sto.cn', 'STO'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'yundaex.com', 'Yunda'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'ems.com.cn', 'EMS'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'suning.com', 'Suning'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'vip.com', 'Vipshop'),
  ('url'::"IdentifierKind", 'exact'::"WarningMatch", 'dangdang.com', 'Dangdang'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '支付宝中国网络技术', 'Alipay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", 'alipaycom', 'Alipay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '财付通支付科技', 'Tenpay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", 'tenpaypaymenttechnology', 'Tenpay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '中国银联', 'UnionPay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", 'chinaunionpay', 'UnionPay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '网银在线北京科技', 'JD Pay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '快钱支付清算信息', '99Bill'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '拉卡拉支付', 'Lakala'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '连连银通电子支付', 'LianLian Pay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '易宝支付', 'YeePay'),
  ('merchant'::"IdentifierKind", 'exact'::"WarningMatch", '通联支付网络服务', 'Allinpay')
ON CONFLICT ("kind", "match", "value") DO NOTHING;
