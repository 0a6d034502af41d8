import { describe, expect, it } from "vitest";
import { graphCounts, graphLinks, graphStyle, toElements, type CaseGraphData } from "./case-graph-model";

const data: CaseGraphData = {
  nodes: [
    { id: "r1", type: "report", label: "R-2026-000001" },
    { id: "r2", type: "report", label: "R-2026-000002" },
    { id: "i1", type: "identifier", label: "+86 171 2345 6789", kind: "phone", linking: true },
    { id: "i2", type: "identifier", label: "95311", kind: "phone", blocked: true, linking: false },
    { id: "i3", type: "identifier", label: "****8988 XIAO MOMIN", kind: "bank_account_partial" },
    { id: "r1", type: "report", label: "duplicate node, ignored" },
  ],
  edges: [
    { source: "r1", target: "i1", type: "names" },
    { source: "r2", target: "i1", type: "names" },
    { source: "r1", target: "i2", type: "names" },
    { source: "r2", target: "i2", type: "names" },
    { source: "i3", target: "i1", type: "bridge" },
    { source: "r1", target: "r2", type: "mustLink" },
    { source: "r1", target: "i1", type: "names" }, // duplicate
    { source: "r1", target: "i9", type: "names" }, // dangling
    { source: "r2", target: "r2", type: "mustLink" }, // loop
  ],
};

describe("case graph elements", () => {
  const elements = toElements(data);
  const nodes = elements.filter((e) => e.group === "nodes");
  const edges = elements.filter((e) => e.group === "edges");

  it("keeps each node once, with shape/colour classes by type and state", () => {
    expect(nodes.map((n) => [n.data.id, n.classes])).toEqual([
      ["r1", "report"],
      ["r2", "report"],
      ["i1", "identifier linking"],
      ["i2", "identifier blocked"],
      ["i3", "identifier"],
    ]);
    expect(nodes[0]!.data.label).toBe("R-2026-000001");
    expect(nodes[2]!.data).toMatchObject({ type: "identifier", kind: "phone" });
  });

  it("drops duplicate, dangling and self edges; marks edges to warning-listed identifiers", () => {
    expect(edges.map((e) => [e.data.source, e.data.target, e.classes])).toEqual([
      ["r1", "i1", "names"],
      ["r2", "i1", "names"],
      ["r1", "i2", "names blocked"],
      ["r2", "i2", "names blocked"],
      ["i3", "i1", "bridge"],
      ["r1", "r2", "mustLink"],
    ]);
    expect(new Set(edges.map((e) => e.data.id)).size).toBe(edges.length);
  });

  it("counts what is drawn", () => {
    expect(graphCounts(data)).toEqual({
      reports: 2,
      identifiers: 3,
      links: 6,
      names: 4,
      bridges: 1,
      mustLinks: 1,
      islands: 1,
    });
    expect(toElements({ nodes: [], edges: [{ source: "a", target: "b", type: "names" }] })).toEqual([]);
  });

  it("styles every class it emits", () => {
    const selectors = graphStyle().map((s) => ("selector" in s ? s.selector : ""));
    for (const c of [
      "node.report",
      "node.identifier",
      "node.blocked",
      "node.linking",
      "edge.bridge",
      "edge.mustLink",
      "edge.blocked",
    ]) {
      expect(selectors).toContain(c);
    }
  });
});

/**
 * A case held together by a partial-account bridge: r1 and r2 share one phone and r1 paid "尾号8988 萧某敏";
 * r3 and r4 share another phone and r4 paid the full account. r2 and r3 also name a warning-listed hotline.
 */
const report = (n: number) => ({ id: `r${n}`, type: "report" as const, label: `R-2026-00000${n}` });
const named = (pairs: string) =>
  pairs.split(" ").map((p) => {
    const [source, target] = p.split("-") as [string, string];
    return { source, target, type: "names" as const };
  });
const bridged: CaseGraphData = {
  nodes: [
    ...[1, 2, 3, 4].map(report),
    { id: "i1", type: "identifier", label: "+86 171 2345 6789", kind: "phone", linking: true },
    { id: "i2", type: "identifier", label: "+86 171 2345 6790", kind: "phone", linking: true },
    { id: "i3", type: "identifier", label: "****8988 萧某敏", kind: "bank_account_partial", linking: true },
    { id: "i4", type: "identifier", label: "6222 0212 3456 8988", kind: "bank_account", linking: true },
    { id: "i5", type: "identifier", label: "95311", kind: "phone", blocked: true },
    { id: "i6", type: "identifier", label: "12345678", kind: "qq", linking: false },
  ],
  edges: named("r1-i1 r2-i1 r1-i3 r3-i2 r4-i2 r4-i4 r2-i5 r3-i5 r4-i6"),
};
const withBridge: CaseGraphData = {
  ...bridged,
  edges: [...bridged.edges, { source: "i3", target: "i4", type: "bridge" }],
};

describe("a case held together by a bridge", () => {
  it("falls into two groups of reports without the bridge edge (a warning-listed number joins nothing)", () => {
    expect(graphCounts(bridged)).toMatchObject({ bridges: 0, islands: 2 });
  });

  it("is one group with it, and the bridge is drawn as a bridge edge", () => {
    expect(graphCounts(withBridge)).toMatchObject({ reports: 4, names: 9, bridges: 1, mustLinks: 0, islands: 1 });
    const edge = toElements(withBridge).find((e) => e.group === "edges" && e.data.type === "bridge");
    expect(edge).toMatchObject({ data: { source: "i3", target: "i4" }, classes: "bridge" });
  });

  it("lists the links as text: linking identifiers with their reports, bridges, investigators' links", () => {
    const links = graphLinks({
      ...withBridge,
      edges: [...withBridge.edges, { source: "r1", target: "r4", type: "mustLink" }],
    });
    expect(links.shared).toEqual([
      { id: "i1", label: "+86 171 2345 6789", reports: ["R-2026-000001", "R-2026-000002"] },
      { id: "i2", label: "+86 171 2345 6790", reports: ["R-2026-000003", "R-2026-000004"] },
      { id: "i3", label: "****8988 萧某敏", reports: ["R-2026-000001"] },
      { id: "i4", label: "6222 0212 3456 8988", reports: ["R-2026-000004"] },
    ]);
    expect(links.bridges).toEqual([{ a: "****8988 萧某敏", b: "6222 0212 3456 8988" }]);
    expect(links.mustLinks).toEqual([{ a: "R-2026-000001", b: "R-2026-000004" }]);
  });

  it("tells apart one number used in two apps by kind", () => {
    const alias: CaseGraphData = {
      nodes: [
        { id: "i1", type: "identifier", label: "+86 138 1234 5678", kind: "phone", linking: true },
        { id: "i2", type: "identifier", label: "+86 138 1234 5678", kind: "wechat", linking: true },
      ],
      edges: [{ source: "i1", target: "i2", type: "bridge" }],
    };
    expect(graphLinks(alias).bridges).toEqual([{ a: "+86 138 1234 5678 (phone)", b: "+86 138 1234 5678 (wechat)" }]);
  });
});
