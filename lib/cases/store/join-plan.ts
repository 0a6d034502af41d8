/**
 * Incremental matching's decision, as a pure function over lib/matching's
 * clusterer: which new reports end up together, and with which existing cases
 * (or existing reports in no case). No database access, so it is unit-tested.
 *
 * The clusterer's "reports" are nodes here: each new report, each existing
 * case and each existing report that is in no case. Its "identifiers" are the
 * identifiers the new reports name (blocked ones already left out):
 * - a new report names its identifiers;
 * - an existing holder of such an identifier names it too (one holder per
 *   identifier is enough: without decisions all of them are in one case);
 * - bridges (partial ↔ full account) are identifier edges, drawn only when
 *   canBridge accepts the two observations, among the new reports and to
 *   identifiers of existing reports that share a bridge key.
 */
import { bridgesOf, canBridge, clusterReports, type CanonicalIdentifier } from "@/lib/matching";

/** A new report's observation of an identifier that may link (not blocked). */
export interface OpenObservation {
  reportId: number;
  identifierId: number;
  ident: CanonicalIdentifier;
}

/** Where an identifier already is: an existing report and its case (null: in no case yet). */
export interface Holder {
  identifierId: number;
  caseId: number | null;
  reportId: number;
}

/** An existing identifier sharing a bridge key, with the observation (meta) a holder made of it. */
export interface BridgeCandidate extends Holder {
  /** The bridge key it was found by. */
  key: string;
  ident: CanonicalIdentifier;
}

export interface JoinGroup {
  /** Existing cases to join (several: merge them). */
  cases: number[];
  /** New reports. */
  reports: number[];
  /** Existing reports that are in no case (matching must re-cluster around them). */
  loose: number[];
}

export function groupNewReports(
  newIds: readonly number[],
  observations: readonly OpenObservation[],
  holders: readonly Holder[],
  candidates: readonly BridgeCandidate[],
): JoinGroup[] {
  // Dense node numbers: new reports first, then holders as they come.
  const nodes: { kind: "new" | "case" | "loose"; id: number }[] = [];
  const nodeOf = new Map<string, number>();
  const node = (kind: "new" | "case" | "loose", id: number) => {
    const key = `${kind}:${id}`;
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = nodes.length;
      nodes.push({ kind, id });
      nodeOf.set(key, n);
    }
    return n;
  };
  const holderNode = (h: Holder) => (h.caseId === null ? node("loose", h.reportId) : node("case", h.caseId));
  newIds.forEach((id) => node("new", id));

  const edgeNodes: number[] = [];
  const edgeIdentifiers: number[] = [];
  const names = (n: number, identifierId: number) => {
    edgeNodes.push(n);
    edgeIdentifiers.push(identifierId);
  };
  for (const o of observations) names(node("new", o.reportId), o.identifierId);
  for (const h of holders) names(holderNode(h), h.identifierId);

  // Bridges are only ever between observations sharing a bridge key: compare within each key.
  const byKey = new Map<string, OpenObservation[]>();
  for (const o of observations)
    for (const b of bridgesOf(o.ident)) {
      const list = byKey.get(b.key);
      if (list) list.push(o);
      else byKey.set(b.key, [o]);
    }
  const bridges: [number, number][] = [];
  for (const group of byKey.values())
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) {
        const [a, b] = [group[x]!, group[y]!];
        if (a.identifierId !== b.identifierId && canBridge(a.ident, b.ident))
          bridges.push([a.identifierId, b.identifierId]);
      }
  for (const c of candidates)
    for (const o of byKey.get(c.key) ?? []) {
      if (c.identifierId !== o.identifierId && canBridge(o.ident, c.ident)) {
        names(holderNode(c), c.identifierId);
        bridges.push([o.identifierId, c.identifierId]);
      }
    }

  const result = clusterReports({
    reports: Int32Array.from(nodes.keys()),
    edges: { reports: Int32Array.from(edgeNodes), identifiers: Int32Array.from(edgeIdentifiers) },
    identifierEdges: bridges,
  });
  const groups = new Map<number, JoinGroup>();
  for (let k = 0; k < result.reportIds.length; k++) {
    const root = result.clusterIds[k]!;
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { cases: [], reports: [], loose: [] }));
    const n = nodes[result.reportIds[k]!]!;
    (n.kind === "new" ? g.reports : n.kind === "case" ? g.cases : g.loose).push(n.id);
  }
  return [...groups.values()].filter((g) => g.reports.length > 0);
}
