import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/auth/permissions";
import { getCaseDetail } from "./views/detail";
import { searchCases } from "./views/search";
import { canonicalWarningValue } from "./workflow/warning-list";
import { add, caseOf, phone, staff } from "./test-support";

/**
 * Type inference (issue 8) through the store and the case page: a number typed
 * in the wrong field is stored as what it is, joins the reports that typed it
 * right, and the page says how each report typed it.
 */

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext;
beforeAll(async () => {
  investigator = await staff("investigator");
});

// A Luhn-valid card no other test uses: 16 digits, the last one fixed up.
function card(): string {
  const body = `622202${String(Date.now()).slice(-9)}`;
  for (let d = 0; d < 10; d++) {
    const n = `${body}${d}`;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = Number(n[n.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error("unreachable");
}

describe("identifiers read as another kind", () => {
  it("are stored as what they are, link, and keep the chosen kind on the report's occurrence only", async () => {
    const x = phone();
    const account = card();
    const [a, b, c] = await add(
      { contacts: [{ kind: "phone", value: x }] },
      {
        contacts: [{ kind: "wechat", value: `${x.slice(0, 3)}-${x.slice(3, 7)}-${x.slice(7)}` }],
        payees: [{ kind: "alipay", value: account, name: "Wang Wei" }],
      },
      { contacts: [{ kind: "other", value: `+86 ${x}` }] },
    );
    const [ca, cb, cc] = [await caseOf(a!), await caseOf(b!), await caseOf(c!)];
    expect(cb.caseId).toBe(ca.caseId);
    expect(cc.caseId).toBe(ca.caseId);

    const client = await db();
    const ident = await client.identifier.findUniqueOrThrow({
      where: { kind_value: { kind: "phone", value: `+86${x}` } },
    });
    expect(ident.meta).not.toHaveProperty("enteredAs");
    const occurrences = await client.reportIdentifier.findMany({
      where: { identifierId: ident.id },
      select: { reportId: true, meta: true },
    });
    const enteredOf = new Map(occurrences.map((o) => [o.reportId, (o.meta as { enteredAs?: string }).enteredAs]));
    expect(enteredOf.get(ca.reportId)).toBeUndefined();
    expect(enteredOf.get(cb.reportId)).toBe("wechat");
    expect(enteredOf.get(cc.reportId)).toBe("other");
    const bank = await client.identifier.findUniqueOrThrow({
      where: { kind_value: { kind: "bank_account", value: account } },
    });
    expect(bank.meta).toMatchObject({ holder: "WANGWEI", luhn: true });

    const detail = await getCaseDetail(client, investigator, { number: ca.number });
    const report = (id: number) => detail.reports.find((r) => r.id === id)!;
    expect(report(ca.reportId).readAs).toEqual([]);
    // In the order of the kinds (contacts before payees), as the identifiers table lists them.
    expect(report(cb.reportId).readAs).toEqual([
      { identifierId: ident.id, kind: "phone", display: ident.display, enteredAs: "wechat" },
      { identifierId: bank.id, kind: "bank_account", display: bank.display, enteredAs: "alipay" },
    ]);
    expect(report(cc.reportId).readAs).toMatchObject([{ kind: "phone", enteredAs: "other" }]);
    const listed = detail.identifiers.find((i) => i.id === ident.id)!;
    expect(listed.enteredAs).toEqual([
      { kind: "other", reports: 1 },
      { kind: "wechat", reports: 1 },
    ]);
    // The search box finds the case through the one phone identifier, whatever field named it.
    const hits = await searchCases(client, investigator, { q: x });
    expect(hits.find((h) => h.kind === "phone")?.caseNumbers).toEqual([ca.number]);
  });

  it("a warning-list entry refuses a value its kind would read as another kind", () => {
    expect(canonicalWarningValue("qq", "exact", "13812345678")).toBeNull();
    expect(canonicalWarningValue("qq", "exact", "12345678")).toBe("12345678");
    expect(canonicalWarningValue("phone", "exact", "138 1234 5678")).toBe("+8613812345678");
  });
});
