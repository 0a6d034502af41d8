/** Sample export inputs for the builders' tests. */
import type { CaseExportData, Letterhead, RequestExportData } from "../types";

export const unit: Letterhead = {
  name: "滨江市公安局反诈中心",
  nameEn: "Binjiang Public Security Bureau, Anti-Fraud Centre",
  address: "滨江市人民路 100 号",
  phone: "0571-8888 0110",
};

const at = (s: string) => new Date(`${s}+08:00`);

export function requestData(over: Partial<RequestExportData> = {}): RequestExportData {
  return {
    exportId: "EX-20260601-7f3a9c",
    generatedAt: at("2026-06-01T09:30:00"),
    locale: "zh-CN",
    unit,
    request: {
      number: "Q-2026-000123",
      kind: "freeze_accounts",
      status: "sent",
      caseNumber: "C-2026-00042",
      orgName: "中国工商银行股份有限公司",
      orgKind: "bank",
      createdAt: at("2026-06-01T09:00:00"),
      sentAt: at("2026-06-01T09:10:00"),
      dueAt: at("2026-06-02T09:10:00"),
      body: "请对下列账户紧急止付并冻结涉案资金。\n如资金已转出，请告知去向账户。",
      victimCount: 3,
      createdByName: "王警官",
    },
    items: [
      {
        kind: "bank_account",
        display: "6222 0212 3456 7890 123 张某某",
        paidMinor: 3_800_000n,
        paymentCount: 2,
        victimCount: 2,
        firstPaidAt: at("2026-05-28T14:05:00"),
        lastPaidAt: at("2026-05-29T10:45:00"),
        outcome: "frozen",
        frozenMinor: 3_800_000n,
        answerNote: '=HYPERLINK("http://evil.example")',
      },
      {
        kind: "alipay",
        display: "+86 171 2345 6789",
        paidMinor: 1_234_505n,
        paymentCount: 1,
        victimCount: 1,
        firstPaidAt: at("2026-05-30T20:00:00"),
        lastPaidAt: at("2026-05-30T20:00:00"),
        outcome: null,
        frozenMinor: null,
        answerNote: "",
      },
    ],
    disclosures: [],
    victims: [
      // The caller should have stripped these; the builders must not rely on it.
      {
        reference: "R-2026-000101",
        name: "李小红",
        phone: "13912345678",
        narrative: "对方自称客服",
        paidMinor: 2_000_000n,
        firstPaidAt: at("2026-05-28T14:05:00"),
      },
      {
        reference: "R-2026-000102",
        name: "赵大明",
        phone: "13887654321",
        narrative: "被要求下载会议软件",
        paidMinor: 1_800_000n,
        firstPaidAt: at("2026-05-29T10:45:00"),
      },
    ],
    ...over,
  };
}

export function caseData(over: Partial<CaseExportData> = {}): CaseExportData {
  return {
    exportId: "EX-20260601-c0ffee",
    generatedAt: at("2026-06-01T10:00:00"),
    locale: "zh-CN",
    unit,
    includePii: false,
    case: {
      number: "C-2026-00042",
      status: "investigating",
      reportCount: 3,
      victimCount: 3,
      lossCnyMinor: 5_034_505n,
      frozenMinor: 3_800_000n,
      recoveredMinor: 0n,
      firstIncident: at("2026-05-28T14:00:00"),
      lastIncident: at("2026-05-30T20:00:00"),
      scamTypes: ["fake_customer_service_refund", "某种新型诈骗"],
    },
    identifiers: [
      { kind: "phone", value: "+8617123456789", display: "+86 171 2345 6789", reportCount: 3, excluded: null },
      {
        kind: "bank_account",
        value: "6222021234567890123",
        display: "6222 0212 3456 7890 123",
        reportCount: 2,
        excluded: null,
      },
      { kind: "url", value: "pay-refund.cn", display: "pay-refund.cn", reportCount: 2, excluded: null },
      { kind: "url", value: "t.cn/A6xYz", display: "t.cn/A6xYz", reportCount: 1, excluded: null },
      { kind: "email", value: "kefu@pay-refund.cn", display: "kefu@pay-refund.cn", reportCount: 1, excluded: null },
      { kind: "qq", value: "123456789", display: "123456789", reportCount: 2, excluded: null },
      { kind: "alipay", value: "refund@163.com", display: "refund@163.com", reportCount: 1, excluded: null },
      { kind: "phone", value: "+864008208820", display: "400 820 8820", reportCount: 2, excluded: "warning-list" },
      { kind: "phone", value: "+8613800000000", display: "138 0000 0000", reportCount: 4, excluded: "shared-number" },
      {
        kind: "bank_account_partial",
        value: "****8988",
        display: "****8988",
        reportCount: 1,
        excluded: "not-linkable",
      },
    ],
    timeline: [
      { at: at("2026-05-28T15:00:00"), text: "报案 R-2026-000101 并入案件" },
      { at: at("2026-06-01T09:10:00"), text: "向中国工商银行发出紧急止付请求 Q-2026-000123" },
    ],
    reports: [
      {
        reference: "R-2026-000101",
        submittedAt: at("2026-05-28T15:00:00"),
        incidentDate: at("2026-05-28T00:00:00"),
        scamType: "fake_customer_service_refund",
        victimName: "李小红",
        victimPhone: "13912345678",
        narrative: "对方自称淘宝客服，说我的订单有问题，要我退款。",
        payments: [
          {
            amountMinor: 2_000_000n,
            currency: "CNY",
            paidAt: at("2026-05-28T14:05:00"),
            payee: "6222 0212 3456 7890 123",
            addedAt: null,
          },
          {
            amountMinor: 500_000n,
            currency: "CNY",
            paidAt: at("2026-05-28T16:30:00"),
            payee: "6217 0000 1111 2222 333",
            addedAt: at("2026-06-02T10:15:00"),
          },
        ],
        additions: [{ at: at("2026-06-02T10:15:00"), contacts: 0, payments: 1, platforms: 0, evidence: 0 }],
      },
    ],
    ...over,
  };
}
