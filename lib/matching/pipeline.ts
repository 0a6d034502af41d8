import type { CanonicalIdentifier, ReportLike } from "./types";
import { deriveIdentifierEdges } from "./bridges";
import { clusterReports, type ClusterResult } from "./cluster";
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
  /** Identifier ids that do not link (warning-listed or not linkable). */
  blocked: Set<number>;
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
  const result = clusterReports({
    reports: Int32Array.from(externalIds.keys()),
    edges: { reports: Int32Array.from(edgeReports), identifiers: Int32Array.from(edgeIdentifiers) },
    identifierEdges,
    blockedIdentifiers: blocked,
    decisions: d && {
      mustLink: toIds(d.mustLink),
      cannotLink: toIds(d.cannotLink),
      detached: (d.detached ?? []).flatMap((e) => reportIndex.get(e) ?? []),
    },
  });
  const clusterOf = new Map<string, string>();
  externalIds.forEach((externalId, r) =>
    clusterOf.set(externalId, externalIds[result.clusterIds[r] as number] as string),
  );
  return { externalIds, clusterOf, identifiers, warnings, blocked, reportIdentifiers, result };
}
