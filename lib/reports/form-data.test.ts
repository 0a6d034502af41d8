import { describe, expect, it } from "vitest";
import { errorsToFormRows, parseReportFormData } from "./form-data";

function fd(entries: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("parseReportFormData", () => {
  it("builds nested rows in form order and drops rows left blank", () => {
    const { values, index } = parseReportFormData(
      fd([
        ["scamType", "other"],
        ["contacts.0.kind", "phone"],
        ["contacts.0.value", ""],
        ["contacts.1.kind", "qq"],
        ["contacts.1.value", "88412345"],
        ["contacts.10.kind", "url"],
        ["contacts.10.value", "https://a.cn"],
        ["payments.0.method", "bank_transfer"],
        ["payments.0.currency", "CNY"],
        ["platforms.0.name", "  "],
        ["consent", "on"],
      ]),
    );
    expect(values.contacts).toEqual([
      { kind: "qq", value: "88412345" },
      { kind: "url", value: "https://a.cn" },
    ]);
    expect(index.contacts).toEqual([1, 10]);
    // Choosing a method or currency alone does not make a payment.
    expect(values.payments).toEqual([]);
    expect(values.platforms).toEqual([]);
    expect(values.consent).toBe(true);
  });

  it("ignores malformed names", () => {
    const { values } = parseReportFormData(
      fd([
        ["contacts.x.value", "a"],
        ["contacts.-1.value", "b"],
        ["contacts.5000.value", "c"],
        ["contacts.2", "d"],
      ]),
    );
    expect(values.contacts).toEqual([]);
  });
});

describe("errorsToFormRows", () => {
  it("maps compacted positions back to the rows on screen", () => {
    expect(
      errorsToFormRows(
        { "contacts.1.value": "required", "payments.0.amount": "invalidAmount", narrative: "tooLong" },
        { contacts: [0, 3], payments: [2], platforms: [] },
      ),
    ).toEqual({ "contacts.3.value": "required", "payments.2.amount": "invalidAmount", narrative: "tooLong" });
  });
});
