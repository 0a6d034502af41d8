import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/auth/permissions";
import { decide, explainCase, getCaseDetail, type CaseDetail } from "./index";
import { add, caseOf, phone, staff } from "./test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext;
beforeAll(async () => {
  investigator = await staff("investigator");
});

type Graph = CaseDetail["graph"];

/** Groups the drawn reports fall into through drawn edges that do not touch a warning-listed identifier. */
function islands(g: Graph): number {
  const parent = new Map(g.nodes.map((n) => [n.id, n.id]));
  const blocked = new Set(g.nodes.filter((n) => n.blocked).map((n) => n.id));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const e of g.edges) {
    if (!parent.has(e.source) || !parent.has(e.target) || blocked.has(e.source) || blocked.has(e.target)) continue;
    parent.set(find(e.source), find(e.target));
  }
  return new Set(g.nodes.filter((n) => n.type === "report").map((n) => find(n.id))).size;
}

const node = (g: Graph, kind: string) => g.nodes.find((n) => n.kind === kind);
const edgesOf = (g: Graph, type: string) =>
  g.edges.filter((e) => e.type === type).map((e) => [e.source, e.target].sort().join(" "));

/** A full account "6222 0212 xxxx <last4>" and its partial "尾号<last4>", both with the holder 萧某敏. */
function bridgedAccount() {
  const last4 = String(randomInt(1000, 10_000));
  const full = `6222 0212 ${randomInt(1000, 10_000)} ${last4}`;
  return { partial: `尾号${last4}`, full, holder: "萧某敏" };
}

describe("the case page's link graph", () => {
  it("draws the bridge between a partial and a full account, so the two halves are one graph", async () => {
    const x = phone();
    const y = phone();
    const acct = bridgedAccount();
    // One half: two reports sharing x, one paid "尾号8988 萧某敏"; the other: two sharing y, one paid the full account.
    const half1 = await add(
      {
        contacts: [{ kind: "phone", value: x }],
        payees: [{ kind: "bank_account", value: acct.partial, name: acct.holder }],
      },
      { contacts: [{ kind: "phone", value: x }] },
    );
    const half2 = await add(
      { contacts: [{ kind: "phone", value: y }] },
      {
        contacts: [{ kind: "phone", value: y }],
        payees: [{ kind: "bank_account", value: acct.full, name: acct.holder }],
      },
    );
    const c = await caseOf(half1[0]!);
    expect((await caseOf(half2[0]!)).caseId).toBe(c.caseId);

    const { graph } = await getCaseDetail(await db(), investigator, { number: c.number });
    const partial = node(graph, "bank_account_partial");
    const full = node(graph, "bank_account");
    expect(partial).toMatchObject({ label: `****${acct.partial.slice(2)} ${acct.holder}`, linking: true });
    expect(full).toMatchObject({ label: acct.full, linking: true });
    expect(edgesOf(graph, "bridge")).toEqual([[partial!.id, full!.id].sort().join(" ")]);
    expect(graph.nodes.filter((n) => n.type === "report")).toHaveLength(4);
    expect(islands(graph)).toBe(1);

    // The same bridge the matcher explains the case with.
    const ex = await explainCase(await db(), investigator, { number: c.number });
    expect(ex!.bridges.map((b) => [`i${b.a}`, `i${b.b}`].sort().join(" "))).toEqual(edgesOf(graph, "bridge"));
  });

  it("draws every linking identifier and its bridge even when the case names more than 500 identifiers", async () => {
    const x = phone();
    const acct = bridgedAccount();
    // 520 QQ ids named once each fill the 500 most-named list before any bank account (kinds sort qq first).
    const qqs = Array.from({ length: 520 }, () => ({ kind: "qq", value: String(randomInt(1e9, 2e9)) }));
    const [a, , cId] = await add(
      { contacts: [{ kind: "phone", value: x }, ...qqs] },
      {
        contacts: [{ kind: "phone", value: x }],
        payees: [{ kind: "bank_account", value: acct.partial, name: acct.holder }],
      },
      { payees: [{ kind: "bank_account", value: acct.full, name: acct.holder }] },
    );
    const c = await caseOf(a!);
    expect((await caseOf(cId!)).caseId).toBe(c.caseId);
    const detail = await getCaseDetail(await db(), investigator, { number: c.number });
    expect(detail.identifierCount).toBe(523);
    expect(detail.identifiers).toHaveLength(500);
    const { graph } = detail;
    const partial = node(graph, "bank_account_partial");
    const full = node(graph, "bank_account");
    expect(partial?.linking).toBe(true);
    expect(full?.linking).toBe(true);
    expect(edgesOf(graph, "bridge")).toEqual([[partial!.id, full!.id].sort().join(" ")]);
    expect(islands(graph)).toBe(1);
  });

  it("draws an investigator's merge as a must-link edge between the two reports it joined", async () => {
    const x = phone();
    const y = phone();
    const [a] = await add({ contacts: [{ kind: "phone", value: x }] }, { contacts: [{ kind: "phone", value: x }] });
    const [b] = await add({ contacts: [{ kind: "phone", value: y }] }, { contacts: [{ kind: "phone", value: y }] });
    const ca = await caseOf(a!);
    const cb = await caseOf(b!);
    expect(ca.caseId).not.toBe(cb.caseId);
    await decide(await db(), investigator, {
      number: ca.number,
      decision: { type: "merge_cases", other: cb.number },
      reason: "Same ring: the victims describe the same caller",
    });
    const { graph } = await getCaseDetail(await db(), investigator, { number: ca.number });
    expect(edgesOf(graph, "mustLink")).toEqual([[`r${ca.reportId}`, `r${cb.reportId}`].sort().join(" ")]);
    expect(islands(graph)).toBe(1);
  });

  it("does not mark a number named once as linking only because it could bridge", async () => {
    const x = phone();
    const lone = phone();
    const [a] = await add(
      {
        contacts: [
          { kind: "phone", value: x },
          { kind: "phone", value: lone },
        ],
      },
      { contacts: [{ kind: "phone", value: x }] },
    );
    const c = await caseOf(a!);
    const detail = await getCaseDetail(await db(), investigator, { number: c.number });
    const ends = (digits: string) => (text: string) => text.replace(/\D/g, "").endsWith(digits);
    expect(detail.graph.nodes.find((n) => ends(lone)(n.label))?.linking).toBe(false);
    expect(detail.graph.nodes.find((n) => ends(x)(n.label))?.linking).toBe(true);
    expect(detail.identifiers.find((i) => ends(lone)(i.display))?.linking).toBe(false);
    expect(edgesOf(detail.graph, "bridge")).toEqual([]);
  });
});
