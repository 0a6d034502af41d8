import { describe, expect, it } from "vitest";
import { requestJson } from "./json";
import { requestData } from "./test-support/fixtures";

const read = (data = requestData()) => JSON.parse(new TextDecoder().decode(requestJson(data).body));

describe("requestJson", () => {
  it("has the documented shape", () => {
    const doc = read();
    expect(Object.keys(doc)).toEqual([
      "format",
      "version",
      "exportId",
      "generatedAt",
      "locale",
      "unit",
      "request",
      "items",
      "disclosures",
      "victims",
    ]);
    expect(doc).toMatchObject({
      format: "liaison-request",
      version: 1,
      exportId: "EX-20260601-7f3a9c",
      generatedAt: "2026-06-01T01:30:00.000Z",
      request: {
        number: "Q-2026-000123",
        kind: "freeze_accounts",
        kindLabel: "紧急止付 / 冻结",
        caseNumber: "C-2026-00042",
        organisation: { name: "中国工商银行股份有限公司", kind: "bank" },
        dueAt: "2026-06-02T01:10:00.000Z",
        victimCount: 3,
      },
    });
    expect(doc.items[0]).toEqual({
      kind: "bank_account",
      kindLabel: "银行账户",
      identifier: "6222 0212 3456 7890 123 张某某",
      paid: { minor: "3800000", currency: "CNY", display: "¥38,000.00" },
      paymentCount: 2,
      victimCount: 2,
      firstPaidAt: "2026-05-28T06:05:00.000Z",
      lastPaidAt: "2026-05-29T02:45:00.000Z",
      answer: {
        outcome: "frozen",
        outcomeLabel: "已冻结",
        frozen: { minor: "3800000", currency: "CNY", display: "¥38,000.00" },
        note: '=HYPERLINK("http://evil.example")',
      },
    });
    expect(doc.items[1].answer).toBeNull();
  });

  it("keeps fen exact as strings beyond a double's precision", () => {
    const data = requestData();
    data.items[0]!.paidMinor = 9_007_199_254_740_993n;
    expect(read(data).items[0].paid.minor).toBe("9007199254740993");
  });

  it("carries no victim data without a disclosure, even if the input does", () => {
    const text = new TextDecoder().decode(requestJson(requestData()).body);
    expect(JSON.parse(text).victims).toEqual([]);
    expect(JSON.parse(text).disclosures).toEqual([]);
    for (const secret of ["李小红", "13912345678", "对方自称客服", "R-2026-000101"]) expect(text).not.toContain(secret);
  });

  it("carries exactly the disclosed fields with their justifications", () => {
    const doc = read(
      requestData({
        locale: "en",
        disclosures: [
          { field: "victimNames", justification: "The bank needs the payer names to find the transfers." },
          { field: "narratives", justification: "Shows how the money was moved, for the bank's investigation." },
        ],
      }),
    );
    expect(doc.disclosures).toEqual([
      {
        field: "victimNames",
        fieldLabel: "Victims' names",
        justification: "The bank needs the payer names to find the transfers.",
      },
      {
        field: "narratives",
        fieldLabel: "Victims' accounts of what happened",
        justification: "Shows how the money was moved, for the bank's investigation.",
      },
    ]);
    expect(doc.victims[0]).toEqual({
      reference: "R-2026-000101",
      name: "李小红",
      narrative: "对方自称客服",
      paid: { minor: "2000000", currency: "CNY", display: "CN¥20,000.00" },
      firstPaidAt: "2026-05-28T06:05:00.000Z",
    });
    expect(JSON.stringify(doc)).not.toContain("13912345678");
  });
});
