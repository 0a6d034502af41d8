import { describe, expect, it } from "vitest";
import { normaliseBankAccount, normalisePhone, normaliseWechat, type CanonicalIdentifier } from "@/lib/matching";
import { bridgedIds, bridgePairs, buildCaseGraph, isLinking, type BridgeObservation } from "./graph-data";

const must = (id: CanonicalIdentifier | null): CanonicalIdentifier => {
  if (!id) throw new Error("expected an identifier");
  return id;
};
/** A bridging observation of identifier `identifierId` as stored in BridgeSignature. */
const seen = (identifierId: number, id: CanonicalIdentifier | null): BridgeObservation => {
  const { kind, value, meta } = must(id);
  return { identifierId, kind, value, meta };
};
const account = (value: string, name?: string, bank?: string) => normaliseBankAccount({ value, name, bank });

describe("bridgePairs", () => {
  it("pairs a partial account with the full account it stands for (same last four digits and holder)", () => {
    const obs = [
      seen(7, account("尾号8988", "萧某敏")),
      seen(3, account("6222 0212 3456 8988", "萧某敏")),
      seen(9, account("尾号8988", "王伟")), // another holder
    ];
    expect(bridgePairs(obs, () => false)).toEqual([[3, 7]]);
  });

  it("never pairs two full accounts, a contradicting stated bank, or a blocked identifier", () => {
    const full1 = seen(1, account("6222 0212 3456 8988", "萧某敏"));
    const full2 = seen(2, account("6217 0000 1234 8988", "萧某敏"));
    expect(bridgePairs([full1, full2], () => false)).toEqual([]);
    const icbc = seen(4, account("6222 0212 3456 8988", "萧某敏", "工商银行"));
    const ccbPartial = seen(5, account("尾号8988", "萧某敏", "建设银行"));
    expect(bridgePairs([icbc, ccbPartial], () => false)).toEqual([]);
    const partial = seen(6, account("尾号8988", "萧某敏"));
    expect(bridgePairs([full1, partial], () => false)).toEqual([[1, 6]]);
    expect(bridgePairs([full1, partial], (id) => id === 6)).toEqual([]);
  });

  it("pairs one number used as phone and WeChat id once, whatever the order and repeats", () => {
    const obs = [
      seen(12, normaliseWechat("13812345678")),
      seen(11, normalisePhone("138 1234 5678")),
      seen(12, normaliseWechat("13812345678")),
    ];
    expect(bridgePairs(obs, () => false)).toEqual([[11, 12]]);
  });
});

describe("isLinking", () => {
  const bridged = bridgedIds([[3, 7]]);
  it("is named by two reports of the case, or bridged, and never blocked", () => {
    expect(isLinking({ id: 1, reports: 2, blocked: false }, bridged)).toBe(true);
    expect(isLinking({ id: 7, reports: 1, blocked: false }, bridged)).toBe(true);
    // A phone named once could bridge (it has a key) but does not: it links nothing.
    expect(isLinking({ id: 8, reports: 1, blocked: false }, bridged)).toBe(false);
    expect(isLinking({ id: 1, reports: 5, blocked: true }, bridged)).toBe(false);
  });
});

describe("buildCaseGraph", () => {
  // Two halves: r1, r2 share phone i1 and r1 paid "尾号8988 萧某敏" (i3); r4, r5 share phone i2 and r5 paid
  // the full account (i4). The bridge i3 ↔ i4 is all that holds the halves together.
  const ident = (id: number, kind: string, display: string, linking = true, blocked = false) => ({
    id,
    kind,
    display,
    linking,
    blocked,
  });
  const source = {
    reports: [1, 2, 4, 5].map((id) => ({ id, reference: `R-2026-00000${id}` })),
    names: [
      { reportId: 1, identifierId: 1 },
      { reportId: 2, identifierId: 1 },
      { reportId: 1, identifierId: 3 },
      { reportId: 4, identifierId: 2 },
      { reportId: 5, identifierId: 2 },
      { reportId: 5, identifierId: 4 },
      { reportId: 5, identifierId: 6 },
    ],
    identifiers: [
      ident(1, "phone", "+86 171 2345 6789"),
      ident(2, "phone", "+86 171 2345 6790"),
      ident(3, "bank_account_partial", "****8988 萧某敏"),
      ident(4, "bank_account", "6222 0212 3456 8988"),
      ident(6, "phone", "95311", false, true),
    ],
    bridges: [[3, 4] as const],
    mustLinks: [],
    truncated: false,
  };

  it("draws the bridge between the partial and the full account", () => {
    const g = buildCaseGraph(source);
    expect(g.edges.filter((e) => e.type === "bridge")).toEqual([{ source: "i3", target: "i4", type: "bridge" }]);
    expect(g.edges.filter((e) => e.type === "names")).toHaveLength(7);
    expect(g.nodes.map((n) => n.id)).toEqual(["r1", "r2", "r4", "r5", "i1", "i2", "i3", "i4", "i6"]);
    expect(g.nodes.find((n) => n.id === "i3")).toMatchObject({ label: "****8988 萧某敏", linking: true });
  });

  it("draws investigators' must-links between drawn reports, each once", () => {
    const g = buildCaseGraph({
      ...source,
      mustLinks: [
        [5, 1],
        [1, 5],
        [1, 99], // not drawn
        [2, 2],
      ],
    });
    expect(g.edges.filter((e) => e.type === "mustLink")).toEqual([{ source: "r1", target: "r5", type: "mustLink" }]);
  });

  it("leaves out bridges to identifiers not drawn or blocked, and names of identifiers not listed", () => {
    const g = buildCaseGraph({
      ...source,
      identifiers: source.identifiers.filter((i) => i.id !== 4),
      bridges: [
        [3, 4],
        [3, 6],
        [3, 42],
      ],
    });
    expect(g.edges.filter((e) => e.type === "bridge")).toEqual([]);
    expect(g.edges.some((e) => e.target === "i4")).toBe(false);
    expect(g.nodes.some((n) => n.id === "i4")).toBe(false);
  });

  it("draws no identifier that no drawn report names", () => {
    const g = buildCaseGraph({
      ...source,
      reports: source.reports.filter((r) => r.id !== 5),
      truncated: true,
    });
    expect(g.nodes.map((n) => n.id)).toEqual(["r1", "r2", "r4", "i1", "i2", "i3"]);
    expect(g.edges.filter((e) => e.type === "bridge")).toEqual([]);
    expect(g.truncated).toBe(true);
  });
});
