import type { CanonicalIdentifier, ReportLike } from "./types";
import { deriveIdentifierEdges } from "./bridges";
import { clusterGraph, type ClusterResult } from "./cluster";
import { buildMatchGraph } from "./graph";
import { findSharedNumbers, sharedNumberRole, type SharedNumberOptions } from "./shared-numbers";
import { extractIdentifiers } from "./normalise";
import { compileWarningList, isLinkable, SEED_WARNING_LIST, type WarningListEntry } from "./warning-list";

/**
 * Batch matching in memory: reports in, clusters out. The import command and
 * the quality test use it; the app itself matches incrementally against the
 * database using the same building blocks.
 *
 * Report ids are positions in externalId order (not input order), so cluster
 * roots do not depend on how the file was sorted.
 */

export interface BatchReport extends ReportLike {
  externalId: string;
}

export interface BatchOptions {
  warningList?: readonly WarningListEntry[];
  /** Decisions by externalId. */
  decisions?: {
    mustLink?: readonly (readonly [string, string])[];
    cannotLink?: readonly (readonly [string, string])[];
    detached?: readonly string[];
  };
  /** The over-correlation guard's thresholds; `false` turns it off (to measure what it does). */
  sharedNumbers?: Partial<SharedNumberOptions> | false;
}

export interface BatchResult {
  /** Sorted, unique externalIds; report id = index. */
  externalIds: string[];
  /** externalId -> externalId of its cluster's root (smallest externalId). */
  clusterOf: Map<string, string>;
  /** Unique identifiers; identifier id = index. */
  identifiers: CanonicalIdentifier[];
  /** Aligned with identifiers: the warning-list entry blocking it, or null. */
  warnings: (WarningListEntry | null)[];
  /** Identifier ids that do not link (warning-listed, not linkable, or held as shared numbers). */
  blocked: Set<number>;
  /** Identifier ids the over-correlation guard held. */
  held: Set<number>;
  /** Identifier ids per report id. */
  reportIdentifiers: number[][];
  result: ClusterResult;
}

export function matchReports(reports: readonly BatchReport[], options: BatchOptions = {}): BatchResult {
  const byExternal = new Map<string, BatchReport>();
  for (const r of reports) if (!byExternal.has(r.externalId)) byExternal.set(r.externalId, r);
  const externalIds = [...byExternal.keys()].sort();
  const reportIndex = new Map(externalIds.map((id, k) => [id, k]));

  const identifiers: CanonicalIdentifier[] = [];
  const idOf = new Map<string, number>();
  const occurrences: CanonicalIdentifier[] = [];
  const occurrenceId: number[] = [];
  const edgeReports: number[] = [];
  const edgeIdentifiers: number[] = [];
  const reportIdentifiers: number[][] = [];
  externalIds.forEach((externalId, r) => {
    const own: number[] = [];
    for (const ident of extractIdentifiers(byExternal.get(externalId))) {
      const key = `${ident.kind}\u0000${ident.value}`;
      let id = idOf.get(key);
      if (id === undefined) {
        id = identifiers.length;
        idOf.set(key, id);
        identifiers.push(ident);
      }
      own.push(id);
      occurrences.push(ident);
      occurrenceId.push(id);
      edgeReports.push(r);
      edgeIdentifiers.push(id);
    }
    reportIdentifiers.push(own);
  });

  const listed = compileWarningList(options.warningList ?? SEED_WARNING_LIST);
  const warnings = identifiers.map((ident) => listed(ident));
  const blocked = new Set<number>();
  warnings.forEach((w, id) => {
    if (w || !isLinkable(identifiers[id] as CanonicalIdentifier)) blocked.add(id);
  });
  const identifierEdges = deriveIdentifierEdges(occurrences).map(([a, b]): [number, number] => [
    occurrenceId[a] as number,
    occurrenceId[b] as number,
  ]);

  const toIds = (pairs: readonly (readonly [string, string])[] | undefined): [number, number][] =>
    (pairs ?? []).flatMap(([a, b]) => {
      const x = reportIndex.get(a);
      const y = reportIndex.get(b);
      return x === undefined || y === undefined ? [] : [[x, y] as [number, number]];
    });
  const d = options.decisions;
  const graph = buildMatchGraph({
    reports: Int32Array.from(externalIds.keys()),
    edges: { reports: Int32Array.from(edgeReports), identifiers: Int32Array.from(edgeIdentifiers) },
    identifierEdges,
  });
  const decisions = d && {
    mustLink: toIds(d.mustLink),
    cannotLink: toIds(d.cannotLink),
    detached: (d.detached ?? []).flatMap((e) => reportIndex.get(e) ?? []),
  };
  const held = new Set<number>();
  if (options.sharedNumbers !== false) {
    // Graph indexes equal identifier ids here: every identifier has an edge.
    const roles = identifiers.map((ident) => sharedNumberRole(ident));
    const flag = (f: (k: number) => boolean) => Uint8Array.from(graph.identifiers.ids, (id) => (f(id) ? 1 : 0));
    const detached = new Uint8Array(externalIds.length);
    for (const r of decisions?.detached ?? []) detached[r] = 1;
    for (const f of findSharedNumbers({
      graph,
      blocked: flag((id) => blocked.has(id)),
      eligible: flag((id) => roles[id]!.eligible && !blocked.has(id)),
      strict: flag((id) => roles[id]!.strict),
      contact: flag((id) => roles[id]!.contact),
      detached,
      mustLink: decisions?.mustLink,
      options: options.sharedNumbers,
    }))
      held.add(graph.identifiers.ids[f.identifier]!);
    for (const id of held) blocked.add(id);
  }
  const result = clusterGraph(graph, { blockedIdentifiers: blocked, decisions });
  const clusterOf = new Map<string, string>();
  externalIds.forEach((externalId, r) =>
    clusterOf.set(externalId, externalIds[result.clusterIds[r] as number] as string),
  );
  return { externalIds, clusterOf, identifiers, warnings, blocked, held, reportIdentifiers, result };
}
