import { describe, expect, it } from "vitest";
import { graphCounts, graphStyle, toElements, type CaseGraphData } from "./case-graph-model";

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
    expect(graphCounts(data)).toEqual({ reports: 2, identifiers: 3, links: 6 });
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
