import { describe, expect, it } from "vitest";
import { clusterReports, type ClusterInput } from "./cluster";
import { buildDenseIndex } from "./graph";
import { prng, shuffled } from "./test-support/respell";

const asObject = (r: ReturnType<typeof clusterReports>) => Object.fromEntries(r.toMap());
const e = (report: number, identifier: number) => ({ report, identifier });

describe("connected components", () => {
  it("joins reports sharing identifiers, transitively; cluster id = smallest report id", () => {
    const r = clusterReports({
      reports: [10, 11, 12, 13, 14],
      edges: [e(10, 1), e(11, 1), e(11, 2), e(12, 2), e(13, 3), e(14, 4)],
    });
    expect(asObject(r)).toEqual({ 10: 10, 11: 10, 12: 10, 13: 13, 14: 14 });
    expect(r.clusterOf(12)).toBe(10);
    expect(r.clusterOf(99)).toBeUndefined();
  });

  it("joins through identifier bridges (partial <-> full accounts)", () => {
    // Reports 1 and 2 paid into two different full accounts with the same last4 + holder; report 3 saw the partial.
    const input: ClusterInput = {
      reports: [1, 2, 3],
      edges: [e(1, 100), e(2, 200), e(3, 300)],
      identifierEdges: [
        [300, 100],
        [300, 200],
      ],
    };
    expect(asObject(clusterReports(input))).toEqual({ 1: 1, 2: 1, 3: 1 });
    // Without a report naming the partial, its bridges are no evidence.
    expect(asObject(clusterReports({ ...input, reports: [1, 2], edges: [e(1, 100), e(2, 200)] }))).toEqual({
      1: 1,
      2: 2,
    });
    expect(asObject(clusterReports({ ...input, decisions: { detached: [3] } }))).toEqual({ 1: 1, 2: 2, 3: 3 });
  });

  it("blocked identifiers and bridges touching them never link", () => {
    const r = clusterReports({
      reports: [1, 2, 3],
      edges: [e(1, 95311), e(2, 95311), e(3, 7)],
      identifierEdges: [[95311, 7]],
      blockedIdentifiers: new Set([95311]),
    });
    expect(asObject(r)).toEqual({ 1: 1, 2: 2, 3: 3 });
    expect(r.identifierClusterIds[r.graph.identifiers.indexOf(95311)]).toBe(-1);
    expect(r.identifierClusterIds[r.graph.identifiers.indexOf(7)]).toBe(3);
  });

  it("accepts blocked identifiers as an array and columnar edges", () => {
    const r = clusterReports({
      reports: Int32Array.from([1, 2]),
      edges: { reports: Int32Array.from([1, 2]), identifiers: Int32Array.from([5, 5]) },
      blockedIdentifiers: [5],
    });
    expect(asObject(r)).toEqual({ 1: 1, 2: 2 });
  });

  it("ignores edges to unknown reports and duplicate edges and report ids", () => {
    const r = clusterReports({ reports: [1, 2, 2], edges: [e(1, 5), e(1, 5), e(3, 5), e(2, 5)] });
    expect(asObject(r)).toEqual({ 1: 1, 2: 1 });
    expect(r.graph.ignoredEdges).toBe(1);
    expect(Array.from(r.graph.identifierAdj)).toEqual([0, 1]);
  });

  it("handles empty input, negative and sparse ids", () => {
    expect(clusterReports({ reports: [], edges: [] }).toMap().size).toBe(0);
    const r = clusterReports({
      reports: [-5, 2_000_000_000, 7],
      edges: [e(-5, -1), e(2_000_000_000, -1), e(7, 2_147_483_647)],
    });
    expect(asObject(r)).toEqual({ [-5]: -5, 2000000000: -5, 7: 7 });
  });

  it("rejects ids that are not int32", () => {
    expect(() => clusterReports({ reports: [1.5], edges: [] })).toThrow(RangeError);
    expect(() => clusterReports({ reports: [1], edges: [e(1, 2 ** 40)] })).toThrow(RangeError);
    expect(() => clusterReports({ reports: [1], edges: { reports: [1, 2], identifiers: [1] } })).toThrow(RangeError);
  });
});

describe("investigators' decisions", () => {
  const base: ClusterInput = { reports: [1, 2, 3, 4], edges: [e(1, 10), e(2, 10), e(3, 10), e(4, 20)] };

  it("must-link joins reports with nothing in common", () => {
    expect(asObject(clusterReports({ ...base, decisions: { mustLink: [[4, 2]] } }))).toEqual({
      1: 1,
      2: 1,
      3: 1,
      4: 1,
    });
  });

  it("cannot-link keeps two reports apart; the shared identifier stays with the lower report ids", () => {
    const r = clusterReports({ ...base, decisions: { cannotLink: [[3, 1]] } });
    expect(asObject(r)).toEqual({ 1: 1, 2: 1, 3: 3, 4: 4 });
    expect(r.refusedEdges).toBe(1);
  });

  it("a split: must-link inside groups, one cannot-link between them; new reports still join", () => {
    const r = clusterReports({
      reports: [1, 2, 3, 4, 5],
      edges: [e(1, 10), e(2, 10), e(3, 10), e(4, 10), e(5, 30), e(3, 30)],
      decisions: { mustLink: [[3, 4]], cannotLink: [[1, 3]] },
    });
    expect(asObject(r)).toEqual({ 1: 1, 2: 1, 3: 3, 4: 3, 5: 3 });
  });

  it("cannot-link wins over a contradicting must-link, which is reported", () => {
    const r = clusterReports({
      ...base,
      decisions: {
        mustLink: [
          [1, 2],
          [2, 3],
        ],
        cannotLink: [[1, 3]],
      },
    });
    expect(r.refusedMustLinks).toEqual([[2, 3]]);
    expect(r.clusterOf(3)).toBe(3);
    expect(r.clusterOf(2)).toBe(1);
  });

  it("detached reports take no automatic links, only must-links", () => {
    expect(asObject(clusterReports({ ...base, decisions: { detached: [2] } }))).toEqual({ 1: 1, 2: 2, 3: 1, 4: 4 });
    expect(asObject(clusterReports({ ...base, decisions: { detached: new Set([2]), mustLink: [[2, 4]] } }))).toEqual({
      1: 1,
      2: 2,
      3: 1,
      4: 2,
    });
  });

  it("decisions naming unknown reports or a report with itself are ignored", () => {
    const r = clusterReports({
      ...base,
      decisions: {
        mustLink: [
          [1, 99],
          [4, 4],
        ],
        cannotLink: [[2, 99]],
        detached: [99],
      },
    });
    expect(asObject(r)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 4 });
  });
});

/** Straightforward implementation of the documented semantics, for comparison. */
function reference(input: {
  reports: number[];
  edges: [number, number][];
  bridges: [number, number][];
  blocked: Set<number>;
  must: [number, number][];
  cannot: [number, number][];
  detached: Set<number>;
}): Map<number, number> {
  const setOf = new Map<string, Set<string>>();
  const node = (k: string) => setOf.get(k) ?? setOf.set(k, new Set([k])).get(k)!;
  const unite = (a: string, b: string) => {
    const A = node(a);
    const B = node(b);
    if (A === B) return;
    for (const [x, y] of input.cannot) {
      if ((A.has(`r${x}`) && B.has(`r${y}`)) || (A.has(`r${y}`) && B.has(`r${x}`))) return;
    }
    for (const k of B) {
      A.add(k);
      setOf.set(k, A);
    }
  };
  const reports = [...new Set(input.reports)].sort((a, b) => a - b);
  reports.forEach((r) => node(`r${r}`));
  const known = new Set(reports);
  const sortPairs = (ps: [number, number][]) =>
    ps.map(([a, b]) => (a < b ? [a, b] : [b, a]) as [number, number]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [a, b] of sortPairs(input.must)) if (known.has(a) && known.has(b) && a !== b) unite(`r${a}`, `r${b}`);
  const edges = input.edges.filter(([r, i]) => known.has(r) && !input.blocked.has(i) && !input.detached.has(r));
  edges.sort((p, q) => p[1] - q[1] || p[0] - q[0]);
  for (const [r, i] of edges) unite(`i${i}`, `r${r}`);
  const named = new Set(edges.map(([, i]) => i));
  for (const [a, b] of sortPairs(input.bridges)) if (named.has(a) && named.has(b) && a !== b) unite(`i${a}`, `i${b}`);
  const out = new Map<number, number>();
  for (const r of reports)
    out.set(r, Math.min(...[...node(`r${r}`)].filter((k) => k[0] === "r").map((k) => Number(k.slice(1)))));
  return out;
}

describe("order independence and agreement with the reference semantics", () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`random graph #${seed}`, () => {
      const rand = prng(seed);
      const nR = 5 + Math.floor(rand() * 60);
      const nI = 3 + Math.floor(rand() * 40);
      const reports = Array.from({ length: nR }, (_, k) => k * 7 - 20);
      const pickR = () => reports[Math.floor(rand() * nR)] as number;
      const pickI = () => 1000 + Math.floor(rand() * nI) * 3;
      const edges = Array.from({ length: Math.floor(nR * 1.5) }, (): [number, number] => [pickR(), pickI()]);
      const bridges = Array.from({ length: Math.floor(rand() * 5) }, (): [number, number] => [pickI(), pickI()]);
      const blocked = new Set(Array.from({ length: Math.floor(rand() * 3) }, pickI));
      const must = Array.from({ length: Math.floor(rand() * 4) }, (): [number, number] => [pickR(), pickR()]);
      const cannot =
        seed % 4 === 0
          ? []
          : Array.from({ length: 1 + Math.floor(rand() * 6) }, (): [number, number] => [pickR(), pickR()]);
      const detached = new Set(Array.from({ length: Math.floor(rand() * 3) }, pickR));

      const run = (order: () => number) =>
        clusterReports({
          reports: shuffled(reports, order),
          edges: shuffled(edges, order).map(([report, identifier]) => ({ report, identifier })),
          identifierEdges: shuffled(bridges, order).map(
            ([a, b]) => (order() < 0.5 ? [a, b] : [b, a]) as [number, number],
          ),
          blockedIdentifiers: new Set(shuffled([...blocked], order)),
          decisions: {
            mustLink: shuffled(must, order).map(([a, b]) => (order() < 0.5 ? [a, b] : [b, a]) as [number, number]),
            cannotLink: shuffled(cannot, order).map(([a, b]) => (order() < 0.5 ? [a, b] : [b, a]) as [number, number]),
            detached: shuffled([...detached], order),
          },
        });
      const first = run(prng(seed * 1000));
      for (let k = 1; k <= 5; k++) {
        const again = run(prng(seed * 1000 + k));
        expect(Array.from(again.clusterIds)).toEqual(Array.from(first.clusterIds));
        expect(again.refusedMustLinks).toEqual(first.refusedMustLinks);
      }
      expect(first.toMap()).toEqual(reference({ reports, edges, bridges, blocked, must, cannot, detached }));
      for (const [a, b] of cannot) if (a !== b) expect(first.clusterOf(a)).not.toBe(first.clusterOf(b));
    });
  }
});

describe("dense index", () => {
  it("gives the same answers through the table and the sorted path", () => {
    const dense = buildDenseIndex([5, 3, 9, 3]);
    const sparse = buildDenseIndex([5, 3, 9, 3, 2_000_000_000]);
    expect(Array.from(dense.ids)).toEqual([3, 5, 9]);
    expect(Array.from(sparse.ids)).toEqual([3, 5, 9, 2_000_000_000]);
    for (const id of [3, 5, 9, 4, -1, 10]) expect(dense.indexOf(id)).toBe(sparse.indexOf(id));
    expect(sparse.indexOf(2_000_000_000)).toBe(3);
  });
});
