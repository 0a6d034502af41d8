import { buildMatchGraph, type GraphInput, type MatchGraph } from "./graph";

/**
 * Clustering reports into cases: connected components of the report-identifier
 * graph (plus identifier bridges), with investigators' decisions on top.
 *
 * Semantics, all independent of input order:
 * 1. Blocked identifiers (warning list, "do not link") and bridges touching
 *    them are ignored. Detached reports get no automatic edges at all. A
 *    bridge only counts when both identifiers are named by some attached
 *    report (detaching the only report that saw a partial account undoes the
 *    bridge it made).
 * 2. Must-link pairs are applied first, in ascending (low id, high id) order.
 * 3. Automatic edges follow in canonical order: identifiers by ascending id,
 *    each identifier's reports by ascending id; then bridges by ascending id
 *    pair.
 * 4. Every union in 2-3 is refused when it would put both reports of a
 *    cannot-link pair into one cluster; a refused union is simply skipped
 *    (the identifier stays with the reports that reached it first). Refused
 *    must-links are reported so the UI can flag contradictory decisions.
 * 5. Without cannot-link pairs no union is ever refused, so the result is the
 *    plain connected components and order is irrelevant (fast path).
 *
 * To record a split of a case into groups, pass must-link chains inside each
 * group and one cannot-link pair between each two groups' representatives;
 * new reports can still join either group, but the groups never rejoin.
 *
 * The cluster id is the smallest report id in the cluster, so the caller can
 * map it to the oldest case.
 */

export interface LinkDecisions {
  mustLink?: readonly (readonly [number, number])[];
  cannotLink?: readonly (readonly [number, number])[];
  detached?: readonly number[] | ReadonlySet<number>;
}

export interface ClusterOptions {
  blockedIdentifiers?: ReadonlySet<number> | readonly number[];
  decisions?: LinkDecisions;
}

export interface ClusterInput extends GraphInput, ClusterOptions {}

export interface ClusterResult {
  graph: MatchGraph;
  /** Ascending report ids and, aligned, the cluster id of each. */
  reportIds: Int32Array;
  clusterIds: Int32Array;
  /** Aligned with graph.identifiers.ids: cluster the identifier links into, -1 if none (blocked, no report). */
  identifierClusterIds: Int32Array;
  blocked: Uint8Array;
  detached: Uint8Array;
  /** Must-link pairs (report indexes) that were applied. */
  appliedMustLinks: [number, number][];
  /** Must-link pairs (report ids) refused because of a cannot-link pair. */
  refusedMustLinks: [number, number][];
  /** Automatic unions refused because of cannot-link pairs. */
  refusedEdges: number;
  clusterOf(reportId: number): number | undefined;
  toMap(): Map<number, number>;
}

export function clusterReports(input: ClusterInput): ClusterResult {
  return clusterGraph(buildMatchGraph(input), input);
}

export function clusterGraph(graph: MatchGraph, options: ClusterOptions = {}): ClusterResult {
  const nR = graph.reports.ids.length;
  const nI = graph.identifiers.ids.length;
  const parent = new Int32Array(nR + nI);
  const size = new Int32Array(nR + nI).fill(1);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const find = (x: number): number => {
    let v = x;
    while (parent[v] !== v) {
      const up = parent[parent[v] as number] as number;
      parent[v] = up; // path halving
      v = up;
    }
    return v;
  };

  const blocked = new Uint8Array(nI);
  for (const id of options.blockedIdentifiers ?? []) {
    const i = graph.identifiers.indexOf(id);
    if (i >= 0) blocked[i] = 1;
  }
  const decisions = options.decisions ?? {};
  const detached = new Uint8Array(nR);
  for (const id of decisions.detached ?? []) {
    const r = graph.reports.indexOf(id);
    if (r >= 0) detached[r] = 1;
  }
  const reportPairs = (pairs: readonly (readonly [number, number])[] | undefined): [number, number][] => {
    const out: [number, number][] = [];
    for (const [a, b] of pairs ?? []) {
      const x = graph.reports.indexOf(a);
      const y = graph.reports.indexOf(b);
      if (x >= 0 && y >= 0 && x !== y) out.push(x < y ? [x, y] : [y, x]);
    }
    return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  };
  const cannot = reportPairs(decisions.cannotLink);
  const must = reportPairs(decisions.mustLink);

  // partners.get(root): reports that may never join the set rooted there.
  const partners = new Map<number, number[]>();
  for (const [a, b] of cannot) {
    (partners.get(a) ?? partners.set(a, []).get(a)!).push(b);
    (partners.get(b) ?? partners.set(b, []).get(b)!).push(a);
  }
  const constrained = partners.size > 0;

  const union = (a: number, b: number): boolean => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return true;
    let pa = constrained ? partners.get(ra) : undefined;
    let pb = constrained ? partners.get(rb) : undefined;
    if (pa && pb) {
      const [list, other] = pa.length <= pb.length ? [pa, rb] : [pb, ra];
      for (const x of list) if (find(x) === other) return false;
    }
    if ((size[ra] as number) < (size[rb] as number)) {
      [ra, rb] = [rb, ra];
      [pa, pb] = [pb, pa];
    }
    parent[rb] = ra;
    size[ra]! += size[rb] as number;
    if (pb) {
      if (pa)
        for (const x of pb) pa.push(x); // no spread: lists can outgrow the argument limit
      else partners.set(ra, pb);
      partners.delete(rb);
    }
    return true;
  };

  const appliedMustLinks: [number, number][] = [];
  const refusedMustLinks: [number, number][] = [];
  for (const [x, y] of must) {
    if (union(x, y)) appliedMustLinks.push([x, y]);
    else refusedMustLinks.push([graph.reports.ids[x] as number, graph.reports.ids[y] as number]);
  }

  let refusedEdges = 0;
  const { identifierOffsets: off, identifierAdj: adj } = graph;
  // An identifier no (attached) report names is no evidence: it must not bridge.
  const active = new Uint8Array(nI);
  for (let i = 0; i < nI; i++) {
    if (blocked[i]) continue;
    const node = nR + i;
    for (let p = off[i] as number, end = off[i + 1] as number; p < end; p++) {
      const r = adj[p] as number;
      if (detached[r]) continue;
      active[i] = 1;
      if (!union(node, r)) refusedEdges++;
    }
  }
  for (let k = 0; k < graph.bridgeA.length; k++) {
    const a = graph.bridgeA[k] as number;
    const b = graph.bridgeB[k] as number;
    if (!active[a] || !active[b]) continue;
    if (!union(nR + a, nR + b)) refusedEdges++;
  }

  // Reports are indexed in ascending id order, so the first report seen per root is its smallest id.
  const firstReport = new Int32Array(nR + nI).fill(-1);
  const clusterIds = new Int32Array(nR);
  for (let r = 0; r < nR; r++) {
    const root = find(r);
    if ((firstReport[root] as number) < 0) firstReport[root] = r;
    clusterIds[r] = graph.reports.ids[firstReport[root] as number] as number;
  }
  const identifierClusterIds = new Int32Array(nI);
  for (let i = 0; i < nI; i++) {
    const first = blocked[i] ? -1 : (firstReport[find(nR + i)] as number);
    identifierClusterIds[i] = first < 0 ? -1 : (graph.reports.ids[first] as number);
  }

  const reportIds = graph.reports.ids;
  return {
    graph,
    reportIds,
    clusterIds,
    identifierClusterIds,
    blocked,
    detached,
    appliedMustLinks,
    refusedMustLinks,
    refusedEdges,
    clusterOf(reportId) {
      const r = graph.reports.indexOf(reportId);
      return r < 0 ? undefined : clusterIds[r];
    },
    toMap() {
      const map = new Map<number, number>();
      for (let r = 0; r < nR; r++) map.set(reportIds[r] as number, clusterIds[r] as number);
      return map;
    },
  };
}
