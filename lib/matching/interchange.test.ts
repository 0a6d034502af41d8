import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseInterchangeJsonl, parseInterchangeLine } from "./interchange";

const line = (o: unknown) => JSON.stringify(o);

describe("parseInterchangeLine", () => {
  it("parses the README example", () => {
    const r = parseInterchangeLine(
      line({
        externalId: "HB-2026-000123",
        submittedAt: "2026-05-25T14:03:00+08:00",
        incidentDate: "2026-05-25",
        scamType: "fake_customer_service_refund",
        victim: { name: "Li Na", phone: "13905310000", province: "Shandong", city: "Jinan" },
        narrative: "Caller said ...",
        contacts: [
          { kind: "phone", value: "+86 171 2345 6789" },
          { kind: "qq", value: "88412345" },
        ],
        payments: [
          {
            amount: 4000.0,
            currency: "CNY",
            paidAt: "2026-05-25T15:10:00+08:00",
            method: "bank_transfer",
            payee: {
              kind: "bank_account",
              value: "6217 0000 1234 5678 988",
              name: "Xiao Momin",
              bank: "Postal Savings Bank of China",
            },
          },
        ],
        platforms: [{ name: "Taobao", role: "order_leaked" }],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report).toMatchObject({
      externalId: "HB-2026-000123",
      scamType: "fake_customer_service_refund",
      victim: { phone: "13905310000" },
      contacts: [
        { kind: "phone", value: "+86 171 2345 6789" },
        { kind: "qq", value: "88412345" },
      ],
      payments: [{ amount: 4000, currency: "CNY", payee: { kind: "bank_account", name: "Xiao Momin" } }],
      platforms: [{ name: "Taobao", role: "order_leaked" }],
    });
  });

  it("needs only externalId; arrays default to empty", () => {
    const r = parseInterchangeLine(line({ externalId: "X1" }));
    expect(r).toEqual({
      ok: true,
      report: expect.objectContaining({ externalId: "X1", contacts: [], payments: [], platforms: [] }),
    });
  });

  it("accepts a numeric externalId", () => {
    const r = parseInterchangeLine(line({ externalId: 12345 }));
    expect(r.ok && r.report.externalId).toBe("12345");
  });

  it("tolerates nulls and wrong types field by field", () => {
    const r = parseInterchangeLine(
      line({
        externalId: "X2",
        submittedAt: null,
        scamType: "Courier Compensation",
        victim: "Li Na",
        narrative: 42,
        contacts: [
          null,
          "x",
          { kind: "PHONE", value: 13812345678 },
          { kind: "fax", value: "123" },
          { kind: "qq", value: "" },
          { kind: "qq" },
        ],
        payments: [
          { amount: "4,000.50元", currency: "cny", payee: { kind: "bank", value: "6222", name: null } },
          { amount: "lots", payee: "x" },
          7,
        ],
        platforms: ["Taobao", { name: "JD", role: "Order Leaked" }, { role: "loan" }, { name: "X", role: "weird" }],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.scamType).toBe("courier_compensation");
    expect(r.report.victim).toBeUndefined();
    expect(r.report.narrative).toBe("42");
    expect(r.report.contacts).toEqual([
      { kind: "phone", value: "13812345678" },
      { kind: "other", value: "123" },
    ]);
    expect(r.report.payments).toEqual([
      { amount: 4000.5, currency: "CNY", payee: { kind: "other", value: "6222" } },
      {},
    ]);
    expect(r.report.platforms).toEqual([
      { name: "Taobao" },
      { name: "JD", role: "order_leaked" },
      { name: "X", role: "other" },
    ]);
  });

  it("maps unknown scam types to other", () => {
    const r = parseInterchangeLine(line({ externalId: "X", scamType: "romance" }));
    expect(r.ok && r.report.scamType).toBe("other");
  });

  it.each([
    ["{bad json", /line 3: invalid JSON/],
    ["[1,2]", /line 3: expected a JSON object/],
    ["null", /line 3: expected a JSON object/],
    [line({ contacts: [] }), /line 3: externalId: externalId is required/],
    [line({ externalId: "" }), /line 3: externalId/],
    [line({ externalId: null }), /line 3: externalId/],
    [line({ externalId: "x".repeat(201) }), /longer than 200/],
  ])("reports %s with its line number", (text, message) => {
    const r = parseInterchangeLine(text, 3);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it("strips a byte-order mark", () => {
    expect(parseInterchangeLine(`\uFEFF${line({ externalId: "A" })}`).ok).toBe(true);
  });
});

describe("parseInterchangeJsonl", () => {
  it("skips blank lines, reports bad lines by number and keeps the rest", () => {
    const text = [line({ externalId: "A" }), "", "oops", line({ externalId: "B" }), "   ", line({})].join("\r\n");
    const r = parseInterchangeJsonl(text);
    expect(r.reports.map((x) => x.externalId)).toEqual(["A", "B"]);
    expect(r.errors.map((x) => x.line)).toEqual([3, 6]);
    expect(r.errors[0]?.error).toMatch(/^line 3: invalid JSON/);
  });

  it("parses the whole sample without errors", () => {
    const text = readFileSync(new URL("../../test/fixtures/interchange/sample-reports.jsonl", import.meta.url), "utf8");
    const r = parseInterchangeJsonl(text);
    expect(r.errors).toEqual([]);
    expect(r.reports).toHaveLength(2000);
    expect(new Set(r.reports.map((x) => x.externalId)).size).toBe(2000);
  });
});
