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
      payments: [
        {
          amountMinor: 400000n,
          currency: "CNY",
          paidAt: "2026-05-25T07:10:00.000Z",
          payee: { kind: "bank_account", name: "Xiao Momin" },
        },
      ],
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
      { amountMinor: 400050n, currency: "CNY", payee: { kind: "other", value: "6222" } },
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

  it("keeps amounts exact: JSON numbers are read from their text, not through a double", () => {
    const r = parseInterchangeLine(
      '{"externalId":"M1","payments":[{"amount":4000.1},{"amount":12345678901.99},{"amount":0.29},{"amount":1.005},' +
        '{"amount":"12345678901.99"},{"amount":4e3},{"amount":-5},{"amount":0}]}',
    );
    expect(r.ok && r.report.payments.map((p) => p.amountMinor)).toEqual([
      400010n,
      1234567890199n,
      29n,
      101n,
      1234567890199n,
      400000n,
      undefined,
      undefined,
    ]);
  });

  it("keeps long numeric identifiers exactly as written", () => {
    const r = parseInterchangeLine('{"externalId":12345678901234567890,"victim":{"phone":13905310000}}');
    expect(r.ok && [r.report.externalId, r.report.victim?.phone]).toEqual(["12345678901234567890", "13905310000"]);
  });

  it("strips bidi controls from text and keeps line breaks only in the narrative", () => {
    const r = parseInterchangeLine(
      line({
        externalId: "B1",
        victim: { name: "\u202eaN iL\u202c" },
        narrative: "a\r\nb",
        platforms: ["Tao\u2066bao"],
      }),
    );
    expect(r.ok && [r.report.victim?.name, r.report.narrative, r.report.platforms[0]?.name]).toEqual([
      "aN iL",
      "a\r\nb",
      "Taobao",
    ]);
  });

  it.each([
    [{ narrative: "a\u0000b" }, "line 7: narrative: contains a control character (U+0000)"],
    [{ victim: { name: "Li\u0000Na" } }, "line 7: victim.name: contains a control character (U+0000)"],
    [
      {
        contacts: [
          { kind: "qq", value: "1" },
          { kind: "qq", value: "2\u0007" },
        ],
      },
      "line 7: contacts.1.value: contains",
    ],
    [
      { payments: [7, { payee: { name: "\u009b" } }] },
      "line 7: payments.1.payee.name: contains a control character (U+009B)",
    ],
    [{ platforms: ["ok", "b\u007fad"] }, "line 7: platforms.1.name: contains"],
    [{ externalId: "X\u0000" }, "line 7: externalId: contains a control character"],
    [{ incidentDate: "2026-02-31" }, 'line 7: incidentDate: not a real ISO 8601 date or time ("2026-02-31")'],
    [{ incidentDate: "1999-12-31" }, 'line 7: incidentDate: before 2000-01-01 ("1999-12-31")'],
    [{ submittedAt: "2026-05-25T25:00:00+08:00" }, "line 7: submittedAt: not a real ISO 8601 date or time"],
    [
      { payments: [{ paidAt: "1900-01-01T00:00:00Z" }] },
      'line 7: payments.0.paidAt: before 2000-01-01 ("1900-01-01T00:00:00Z")',
    ],
    [{ payments: [{ paidAt: "2999-01-01" }] }, "line 7: payments.0.paidAt: in the future"],
    [{ payments: [{ currency: "zzz" }] }, 'line 7: payments.0.currency: not an ISO 4217 currency code ("zzz")'],
    [{ payments: [{ amount: "99999999999999999999" }] }, "line 7: payments.0.amount: amount too large to store"],
  ])("refuses the line for %j, naming the field", (fields, message) => {
    const r = parseInterchangeLine(line({ externalId: "H1", ...fields }).replace(/\\\\u/g, "\\u"), 7);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("still drops values of the wrong type or missing, as the format allows", () => {
    const r = parseInterchangeLine(
      line({ externalId: "S1", incidentDate: 20260525, submittedAt: "", payments: [{ currency: 7, paidAt: null }] }),
    );
    expect(r.ok && [r.report.incidentDate, r.report.submittedAt, r.report.payments]).toEqual([
      undefined,
      undefined,
      [{}],
    ]);
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
