/**
 * The case page's link graph, from what case-graph.ts read: pure (no
 * database), so the rules are unit-tested. Every edge that holds the case
 * together is drawn — a report naming a linking identifier, a bridge between
 * two identifiers (partial ↔ full account, one number in several apps), an
 * investigator's must-link between two reports — plus the reports' other
 * identifiers the page lists, as leaves.
 */
import { deriveIdentifierEdges, type CanonicalIdentifier, type MetaValue } from "@/lib/matching";

export interface GraphNode {
  id: string;
  type: "report" | "identifier";
  label: string;
  /** Identifier kind (phone, qq, bank_account…). */
  kind?: string;
  /** Warning-listed, unlinkable or "do not link": never links reports. */
  blocked?: boolean;
  /** Links reports of this case (shared, or bridged). */
  linking?: boolean;
}

/** names: report → identifier; bridge: identifier ↔ identifier; mustLink: report ↔ report (an investigator's). */
export interface GraphEdge {
  source: string;
  target: string;
  type: "names" | "bridge" | "mustLink";
}

export interface CaseGraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Only the case's first reports are drawn. */
  truncated: boolean;
}

/** One bridging observation of an identifier of the case (a BridgeSignature row). */
export interface BridgeObservation {
  identifierId: number;
  kind: string;
  value: string;
  meta: Record<string, MetaValue>;
}

/**
 * The identifier pairs that bridge inside a case, as the matcher confirms
 * them (canBridge on the observations: holder, shown prefix, stated bank;
 * two full accounts never bridge each other). Blocked identifiers (warning
 * list, unlinkable, "do not link") bridge nothing, as in the clusterer.
 * Pairs are [low id, high id], sorted, each once.
 */
export function bridgePairs(
  observations: readonly BridgeObservation[],
  blocked: (identifierId: number) => boolean,
): [number, number][] {
  const open = observations.filter((o) => !blocked(o.identifierId));
  const occurrences: CanonicalIdentifier[] = open.map((o) => ({
    kind: o.kind as CanonicalIdentifier["kind"],
    value: o.value,
    display: "",
    meta: o.meta,
  }));
  const pairs = new Map<string, [number, number]>();
  for (const [x, y] of deriveIdentifierEdges(occurrences)) {
    const a = open[x]!.identifierId;
    const b = open[y]!.identifierId;
    if (a === b) continue;
    const pair: [number, number] = a < b ? [a, b] : [b, a];
    pairs.set(`${pair[0]},${pair[1]}`, pair);
  }
  return [...pairs.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** Whether an identifier holds reports of the case together: named by two of them, or bridged to another of its identifiers. */
export function isLinking(i: { id: number; reports: number; blocked: boolean }, bridged: ReadonlySet<number>): boolean {
  return !i.blocked && (i.reports > 1 || bridged.has(i.id));
}

/** Identifier ids that take part in a bridge. */
export function bridgedIds(pairs: readonly (readonly [number, number])[]): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of pairs) out.add(a).add(b);
  return out;
}

export interface GraphSource {
  /** The reports drawn, in order. */
  reports: { id: number; reference: string }[];
  /** What the drawn reports name. */
  names: { reportId: number; identifierId: number }[];
  /** Identifiers that may be drawn (named by a drawn report); names of any other are left out. */
  identifiers: { id: number; kind: string; display: string; blocked: boolean; linking: boolean }[];
  /** The case's bridges (bridgePairs). */
  bridges: readonly (readonly [number, number])[];
  /** Investigators' must-link pairs (merges, the groups of a split) naming reports of the case. */
  mustLinks: readonly (readonly [number, number])[];
  truncated: boolean;
}

export function buildCaseGraph(src: GraphSource): CaseGraphData {
  const drawnReports = new Set(src.reports.map((r) => r.id));
  const named = new Set(src.names.flatMap((n) => (drawnReports.has(n.reportId) ? [n.identifierId] : [])));
  const identifiers = new Map(src.identifiers.filter((i) => named.has(i.id)).map((i) => [i.id, i]));
  const nodes: GraphNode[] = [
    ...src.reports.map((r) => ({ id: `r${r.id}`, type: "report" as const, label: r.reference })),
    ...[...identifiers.values()].map((i) => ({
      id: `i${i.id}`,
      type: "identifier" as const,
      label: i.display,
      kind: i.kind,
      blocked: i.blocked,
      linking: i.linking,
    })),
  ];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, type: GraphEdge["type"]): void => {
    const key = `${type} ${source} ${target}`;
    if (source === target || seen.has(key)) return;
    seen.add(key);
    edges.push({ source, target, type });
  };
  for (const n of src.names) {
    if (drawnReports.has(n.reportId) && identifiers.has(n.identifierId))
      add(`r${n.reportId}`, `i${n.identifierId}`, "names");
  }
  for (const [a, b] of src.bridges) {
    const x = identifiers.get(a);
    const y = identifiers.get(b);
    if (x && y && !x.blocked && !y.blocked) add(`i${Math.min(a, b)}`, `i${Math.max(a, b)}`, "bridge");
  }
  for (const [a, b] of src.mustLinks) {
    if (drawnReports.has(a) && drawnReports.has(b)) add(`r${Math.min(a, b)}`, `r${Math.max(a, b)}`, "mustLink");
  }
  return { nodes, edges, truncated: src.truncated };
}
