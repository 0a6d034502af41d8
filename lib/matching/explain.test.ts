import { describe, expect, it } from "vitest";
import { clusterReports } from "./cluster";
import { explainCluster, explainReport } from "./explain";

const e = (report: number, identifier: number) => ({ report, identifier });

// 1 -A- 2 -B- 3, 4 -C(partial)~D(full)- 5 via a bridge, 6 must-linked to 3, 95311 blocked on 1 and 4.
const result = clusterReports({
  reports: [1, 2, 3, 4, 5, 6, 7],
  edges: [
    e(1, 100),
    e(2, 100),
    e(2, 200),
    e(3, 200),
    e(3, 300),
    e(4, 400),
    e(5, 500),
    e(1, 95311),
    e(4, 95311),
    e(7, 700),
  ],
  identifierEdges: [[400, 500]],
  blockedIdentifiers: new Set([95311]),
  decisions: { mustLink: [[6, 3]] },
});

describe("explainCluster", () => {
  it("lists the identifiers of a cluster with report counts, linking ones flagged", () => {
    const x = explainCluster(result, 1);
    expect(x?.reports).toEqual([1, 2, 3, 6]);
    expect(x?.identifiers).toEqual([
      { identifier: 100, reports: 2, blocked: false, linking: true },
      { identifier: 200, reports: 2, blocked: false, linking: true },
      { identifier: 300, reports: 1, blocked: false, linking: false },
      { identifier: 95311, reports: 1, blocked: true, linking: false },
    ]);
    expect(x?.mustLinks).toEqual([[3, 6]]);
    expect(x?.bridges).toEqual([]);
  });

  it("a bridge makes single-report identifiers linking", () => {
    const x = explainCluster(result, 4);
    expect(x?.reports).toEqual([4, 5]);
    expect(x?.bridges).toEqual([[400, 500]]);
    expect(x?.identifiers.filter((i) => i.linking).map((i) => i.identifier)).toEqual([400, 500]);
  });

  it("returns null for an unknown cluster", () => {
    expect(explainCluster(result, 2)).toBeNull();
  });
});

describe("explainReport", () => {
  it("gives the chain of shared identifiers from the root report", () => {
    expect(explainReport(result, 3)?.path).toEqual([
      { type: "report", id: 1 },
      { type: "identifier", id: 100 },
      { type: "report", id: 2 },
      { type: "identifier", id: 200 },
      { type: "report", id: 3 },
    ]);
  });
  it("includes must-links as report -> report hops", () => {
    expect(explainReport(result, 6)?.path.slice(-2)).toEqual([
      { type: "report", id: 3 },
      { type: "report", id: 6 },
    ]);
  });
  it("includes bridges as identifier -> identifier hops", () => {
    expect(explainReport(result, 5)).toEqual({
      clusterId: 4,
      path: [
        { type: "report", id: 4 },
        { type: "identifier", id: 400 },
        { type: "identifier", id: 500 },
        { type: "report", id: 5 },
      ],
    });
  });
  it("never routes through a blocked identifier", () => {
    expect(explainReport(result, 4)?.path).toEqual([{ type: "report", id: 4 }]);
  });
  it("handles the root itself, singletons and unknown reports", () => {
    expect(explainReport(result, 1)?.path).toEqual([{ type: "report", id: 1 }]);
    expect(explainReport(result, 7)).toEqual({ clusterId: 7, path: [{ type: "report", id: 7 }] });
    expect(explainReport(result, 99)).toBeNull();
  });
  it("does not cross a cannot-link split even when an identifier is shared", () => {
    const r = clusterReports({
      reports: [1, 2, 3],
      edges: [e(1, 10), e(2, 10), e(3, 10), e(3, 20), e(2, 20)],
      decisions: { cannotLink: [[1, 3]] },
    });
    expect(r.clusterOf(3)).toBe(3);
    expect(explainReport(r, 2)?.path).toEqual([
      { type: "report", id: 1 },
      { type: "identifier", id: 10 },
      { type: "report", id: 2 },
    ]);
    expect(explainReport(r, 3)?.path).toEqual([{ type: "report", id: 3 }]);
  });
});
