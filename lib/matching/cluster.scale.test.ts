import { describe, expect, it } from "vitest";
import { clusterReports } from "./cluster";
import { explainCluster, explainReport } from "./explain";
import { prng } from "./test-support/respell";

/**
 * Correctness at scale: rings of ten sharing two identifiers plus one-off
 * identifiers, edges in random order, some cannot-link decisions. Speed is
 * measured by `npm run bench:matching`, not here.
 */
describe("clustering at scale", () => {
  it("100,000 reports / 400,000 shuffled edges", { timeout: 120_000 }, () => {
    const N = 100_000;
    const E = 4 * N;
    const rand = prng(7);
    const reports = new Int32Array(N);
    for (let i = 0; i < N; i++) reports[i] = i + 1;
    const er = new Int32Array(E);
    const ei = new Int32Array(E);
    for (let k = 0; k < E; k++) {
      const r = k >> 2;
      er[k] = r + 1;
      ei[k] = k % 4 < 2 ? Math.floor(r / 10) * 2 + (k % 2) + 1 : 300_000 + k;
    }
    for (let k = E - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      const a = er[k] as number;
      const b = ei[k] as number;
      er[k] = er[j] as number;
      ei[k] = ei[j] as number;
      er[j] = a;
      ei[j] = b;
    }
    const cannotLink: [number, number][] = [];
    for (let i = 0; i < 100; i++) cannotLink.push([i * 1000 + 1, i * 1000 + 6]);

    const result = clusterReports({
      reports,
      edges: { reports: er, identifiers: ei },
      identifierEdges: [[1, 3]],
      blockedIdentifiers: new Set([5]),
      decisions: { cannotLink },
    });

    expect(result.clusterOf(1)).toBe(1);
    expect(result.clusterOf(15)).toBe(1); // ring 0 and ring 1 joined by the bridge 1 ~ 3
    expect(result.clusterOf(21)).toBe(21); // ring 2 lost identifier 5 to the warning list, keeps identifier 6
    expect(result.clusterOf(1006)).not.toBe(result.clusterOf(1001));
    // Rings 0 and 1 (reports 1-20) minus report 6, cannot-linked with report 1.
    expect(explainCluster(result, 1)?.reports).toHaveLength(19);
    expect(explainReport(result, 15)?.path.length).toBeGreaterThan(2);
  });
});
