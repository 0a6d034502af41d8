/**
 * The report-identifier graph in compact form: ids mapped to dense indexes in
 * ascending id order, adjacency in CSR arrays (offsets + targets) in both
 * directions, each list sorted and free of duplicates. Everything is typed
 * arrays so a million reports and four million edges stay well under a
 * hundred megabytes and no per-edge object or string is allocated.
 */

export interface ReportIdentifierEdge {
  report: number;
  identifier: number;
}

export type EdgeInput =
  readonly ReportIdentifierEdge[] | { reports: ArrayLike<number>; identifiers: ArrayLike<number> };

export interface GraphInput {
  /** Report ids (int32). Duplicates are ignored. */
  reports: ArrayLike<number>;
  /** Report-identifier edges; edges naming an unknown report are ignored. */
  edges: EdgeInput;
  /** Identifier-identifier bridges (see bridges.ts). */
  identifierEdges?: readonly (readonly [number, number])[];
}

export interface DenseIndex {
  /** Ids in ascending order; index = position. */
  ids: Int32Array;
  indexOf(id: number): number;
}

export interface MatchGraph {
  reports: DenseIndex;
  identifiers: DenseIndex;
  /** Report index -> identifier indexes: reportAdj[reportOffsets[r] .. reportOffsets[r + 1]). */
  reportOffsets: Int32Array;
  reportAdj: Int32Array;
  /** Identifier index -> report indexes, ascending. */
  identifierOffsets: Int32Array;
  identifierAdj: Int32Array;
  /** Bridges as identifier index pairs, a < b, sorted. */
  bridgeA: Int32Array;
  bridgeB: Int32Array;
  /** Edges dropped because their report is not in `reports`. */
  ignoredEdges: number;
}

function checkId(v: number): number {
  if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw new RangeError(`id is not an int32: ${v}`);
  return v;
}

/** Dense index over the union of several id lists. */
export function buildDenseIndex(...sources: ArrayLike<number>[]): DenseIndex {
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (const src of sources) {
    total += src.length;
    for (let k = 0; k < src.length; k++) {
      const v = checkId(src[k] as number);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (total === 0) return { ids: new Int32Array(0), indexOf: () => -1 };
  const range = max - min + 1;
  if (range <= 4 * total + 65536) {
    // Database ids are dense: a direct table beats sorting.
    const table = new Int32Array(range).fill(-1);
    for (const src of sources) for (let k = 0; k < src.length; k++) table[(src[k] as number) - min] = 0;
    let count = 0;
    for (let k = 0; k < range; k++) if (table[k] === 0) table[k] = count++ + 1;
    const ids = new Int32Array(count);
    for (let k = 0; k < range; k++) {
      const t = table[k] as number;
      if (t > 0) {
        ids[t - 1] = k + min;
        table[k] = t - 1;
      }
    }
    return { ids, indexOf: (id) => (id < min || id > max ? -1 : (table[id - min] as number)) };
  }
  const all = new Int32Array(total);
  let w = 0;
  for (const src of sources) for (let k = 0; k < src.length; k++) all[w++] = src[k] as number;
  all.sort();
  let n = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[n++] = all[k] as number;
  const ids = all.slice(0, n);
  return {
    ids,
    indexOf(id) {
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = ids[mid] as number;
        if (v === id) return mid;
        if (v < id) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
}

function edgeColumns(edges: EdgeInput): { reports: ArrayLike<number>; identifiers: ArrayLike<number> } {
  if (!Array.isArray(edges)) {
    const cols = edges as { reports: ArrayLike<number>; identifiers: ArrayLike<number> };
    if (cols.reports.length !== cols.identifiers.length) throw new RangeError("edge columns differ in length");
    return cols;
  }
  const list = edges as readonly ReportIdentifierEdge[];
  const reports = new Int32Array(list.length);
  const identifiers = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const e = list[k] as ReportIdentifierEdge;
    reports[k] = checkId(e.report);
    identifiers[k] = checkId(e.identifier);
  }
  return { reports, identifiers };
}

export function buildMatchGraph(input: GraphInput): MatchGraph {
  const reports = buildDenseIndex(input.reports);
  const cols = edgeColumns(input.edges);
  const bridgeList = input.identifierEdges ?? [];
  const bridgeFlat = new Int32Array(bridgeList.length * 2);
  bridgeList.forEach(([a, b], k) => {
    bridgeFlat[2 * k] = checkId(a);
    bridgeFlat[2 * k + 1] = checkId(b);
  });
  const identifiers = buildDenseIndex(cols.identifiers, bridgeFlat);
  const nR = reports.ids.length;
  const nI = identifiers.ids.length;

  // Pass 1: bucket edges by identifier (arbitrary order inside a bucket).
  const m = cols.reports.length;
  const er = new Int32Array(m);
  const ei = new Int32Array(m);
  const countI = new Int32Array(nI + 1);
  let ignoredEdges = 0;
  for (let k = 0; k < m; k++) {
    const r = reports.indexOf(cols.reports[k] as number);
    er[k] = r;
    if (r < 0) ignoredEdges++;
    else countI[(ei[k] = identifiers.indexOf(cols.identifiers[k] as number)) + 1]!++;
  }
  for (let i = 0; i < nI; i++) countI[i + 1]! += countI[i] as number;
  const byIdent = new Int32Array(m - ignoredEdges);
  const fillI = countI.slice(0, nI);
  const countR = new Int32Array(nR + 1);
  for (let k = 0; k < m; k++) {
    const r = er[k] as number;
    if (r < 0) continue;
    byIdent[fillI[ei[k] as number]!++] = r;
    countR[r + 1]!++;
  }
  // Pass 2: walking identifiers in ascending order fills report buckets sorted.
  for (let r = 0; r < nR; r++) countR[r + 1]! += countR[r] as number;
  const rawAdj = new Int32Array(byIdent.length);
  const fillR = countR.slice(0, nR);
  for (let i = 0; i < nI; i++) {
    for (let p = countI[i] as number; p < (countI[i + 1] as number); p++) rawAdj[fillR[byIdent[p] as number]!++] = i;
  }
  // Compact away duplicate edges (consecutive, since each bucket is sorted).
  const reportOffsets = new Int32Array(nR + 1);
  const reportAdj = new Int32Array(rawAdj.length);
  let w = 0;
  for (let r = 0; r < nR; r++) {
    reportOffsets[r] = w;
    const end = countR[r + 1] as number;
    for (let p = countR[r] as number; p < end; p++) {
      const i = rawAdj[p] as number;
      if (w === reportOffsets[r] || reportAdj[w - 1] !== i) reportAdj[w++] = i;
    }
  }
  reportOffsets[nR] = w;
  const adj = reportAdj.slice(0, w);
  // Pass 3: transpose back; identifier buckets come out sorted by report.
  const identifierOffsets = new Int32Array(nI + 1);
  for (let p = 0; p < w; p++) identifierOffsets[(adj[p] as number) + 1]!++;
  for (let i = 0; i < nI; i++) identifierOffsets[i + 1]! += identifierOffsets[i] as number;
  const identifierAdj = new Int32Array(w);
  const fill = identifierOffsets.slice(0, nI);
  for (let r = 0; r < nR; r++) {
    for (let p = reportOffsets[r] as number; p < (reportOffsets[r + 1] as number); p++)
      identifierAdj[fill[adj[p] as number]!++] = r;
  }

  const pairs: [number, number][] = [];
  for (const [a, b] of bridgeList) {
    const x = identifiers.indexOf(a);
    const y = identifiers.indexOf(b);
    if (x !== y) pairs.push(x < y ? [x, y] : [y, x]);
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const uniq = pairs.filter((p, k) => k === 0 || p[0] !== pairs[k - 1]![0] || p[1] !== pairs[k - 1]![1]);
  return {
    reports,
    identifiers,
    reportOffsets,
    reportAdj: adj,
    identifierOffsets,
    identifierAdj,
    bridgeA: Int32Array.from(uniq, (p) => p[0]),
    bridgeB: Int32Array.from(uniq, (p) => p[1]),
    ignoredEdges,
  };
}
