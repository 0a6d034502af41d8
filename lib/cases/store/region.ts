import "server-only";
import {
  buildMatchGraph,
  clusterGraph,
  deriveIdentifierEdges,
  type CanonicalIdentifier,
  type ClusterResult,
  type IdentifierKind,
  type MetaValue,
} from "@/lib/matching";
import { Prisma, table } from "@/lib/db/sql";
import { applyClusters, type ApplyOptions } from "./apply";
import { loadDecisions } from "./decisions-load";
import { guardRegion, recordHolds, type Held } from "./shared-numbers";
import { blockChecker, type BlockCheck } from "./warning-list";
import type { MatchSummary, Tx } from "./types";

const RI = table("ReportIdentifier", "ri");
const I = table("Identifier", "i");
const R = table("Report", "r");
const B = table("ReportBridge", "b");
const B2 = table("ReportBridge", "b2");
const D = table("MatchDecision", "d");

/**
 * Re-clusters everything a change can reach and stores the result: the region
 * around `seed` (see expandRegion) is clustered with the pure clusterer and
 * applied with stable case numbers. The one way decisions, their revocation,
 * warning-list edits and incremental matching with decisions in play turn a
 * change into cases. Call under the matching lock.
 */
export async function reclusterRegion(
  tx: Tx,
  seed: number[],
  opts: ApplyOptions,
): Promise<MatchSummary & { touched: number[] }> {
  if (!seed.length) return { casesCreated: 0, casesMerged: 0, casesSplit: 0, reportsMoved: 0, touched: [] };
  const check = await blockChecker(tx);
  const region = await expandRegion(tx, seed, check);
  const { clusters, current, held } = await clusterRegion(tx, region, check);
  await recordHolds(tx, held);
  return applyClusters(tx, clusters, current, opts);
}

/**
 * A region is a set of reports closed under everything that could link them:
 * shared linkable identifiers, bridge keys and decisions. Re-clustering a
 * closed region gives the same grouping as re-clustering everything, so
 * decisions and merges only ever touch their region.
 */
export async function expandRegion(tx: Tx, seed: number[], check?: BlockCheck): Promise<number[]> {
  const blocked = check ?? (await blockChecker(tx));
  const region = new Set(seed);
  const caseIds = new Set<number>();
  let frontier = [...seed];
  while (frontier.length) {
    const mine = await tx.$queryRaw<
      {
        identifierId: number;
        kind: IdentifierKind;
        value: string;
        meta: Record<string, MetaValue>;
        linkable: boolean;
      }[]
    >(Prisma.sql`
      SELECT ${RI.identifierId} AS "identifierId", ${I.kind}::text AS kind, ${I.value} AS value, ${I.meta} AS meta, ${I.linkable} AS linkable
      FROM ${RI} JOIN ${I} ON ${I.id} = ${RI.identifierId}
      WHERE ${RI.reportId} = ANY(${frontier}::int[])`);
    const open = mine
      .filter((m) => !blocked(m.identifierId, { kind: m.kind, value: m.value, display: "", meta: m.meta }, m.linkable))
      .map((m) => m.identifierId);
    // Over-inclusion is harmless (a bigger region clusters the same); missing
    // a link is not, so bridge keys are followed without checking canBridge.
    const looseId = Prisma.sql`CASE WHEN ${R.caseId} IS NULL THEN ${R.id} END`;
    const linked = await tx.$queryRaw<{ caseId: number | null; reportId: number | null }[]>(Prisma.sql`
      SELECT DISTINCT ${R.caseId} AS "caseId", ${looseId} AS "reportId"
      FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId}
      WHERE ${RI.identifierId} = ANY(${open}::int[])
      UNION
      SELECT DISTINCT ${R.caseId}, ${looseId}
      FROM ${B} JOIN ${R} ON ${R.id} = ${B.reportId}
      WHERE ${B.key} IN (SELECT ${B2.key} FROM ${B2} WHERE ${B2.reportId} = ANY(${frontier}::int[]))
      UNION
      SELECT DISTINCT ${R.caseId}, ${looseId}
      FROM ${D} JOIN ${R} ON ${R.id} = ANY(${D.reportIds})
      WHERE ${D.revokedAt} IS NULL AND ${D.reportIds} && ${frontier}::int[]`);
    const newCases = [
      ...new Set(linked.flatMap((l) => (l.caseId !== null && !caseIds.has(l.caseId) ? [l.caseId] : []))),
    ];
    const loose = linked.flatMap((l) =>
      l.caseId === null && l.reportId !== null && !region.has(l.reportId) ? [l.reportId] : [],
    );
    newCases.forEach((c) => caseIds.add(c));
    const members = newCases.length
      ? (await tx.report.findMany({ where: { caseId: { in: newCases } }, select: { id: true } })).map((r) => r.id)
      : [];
    frontier = [...members, ...loose].filter((id) => !region.has(id));
    frontier.forEach((id) => region.add(id));
  }
  return [...region];
}

export interface RegionClustering {
  /** Clusters as report ids, each in canonical order, clusters ordered by their first report. */
  clusters: number[][];
  current: Map<number, number | null>;
  result: ClusterResult;
  /** Canonical rank → report id, and identifier rank → identifier id. */
  reportOfRank: number[];
  identifierOfRank: number[];
  /** Numbers the over-correlation guard holds in this region (not yet recorded). */
  held: Held[];
}

interface ObsRow {
  reportId: number;
  identifierId: number;
  kind: IdentifierKind;
  value: string;
  display: string;
  imeta: Record<string, MetaValue>;
  ometa: Record<string, MetaValue>;
  linkable: boolean;
}

/**
 * Clusters a closed region. Reports and identifiers are handed to the pure
 * clusterer by canonical rank — reports by (submittedAt, externalId or
 * reference), identifiers by (kind, value) — not by database id, so the result
 * does not depend on the order in which reports arrived.
 */
export async function clusterRegion(tx: Tx, reportIds: number[], check?: BlockCheck): Promise<RegionClustering> {
  const blocked = check ?? (await blockChecker(tx));
  const reports = await tx.$queryRaw<{ id: number; caseId: number | null }[]>(Prisma.sql`
    SELECT ${R.id} AS id, ${R.caseId} AS "caseId" FROM ${R} WHERE ${R.id} = ANY(${reportIds}::int[])
    ORDER BY ${R.submittedAt}, COALESCE(${R.externalId}, ${R.reference}), ${R.id}`);
  const reportOfRank = reports.map((r) => r.id);
  const rankOfReport = new Map(reportOfRank.map((id, k) => [id, k]));
  const obs = await tx.$queryRaw<ObsRow[]>(Prisma.sql`
    SELECT ${RI.reportId} AS "reportId", ${RI.identifierId} AS "identifierId", ${I.kind}::text AS kind, ${I.value} AS value,
           ${I.display} AS display, ${I.meta} AS imeta, ${RI.meta} AS ometa, ${I.linkable} AS linkable
    FROM ${RI} JOIN ${I} ON ${I.id} = ${RI.identifierId}
    WHERE ${RI.reportId} = ANY(${reportIds}::int[])
    ORDER BY ${I.kind}, ${I.value}`);
  const identifierOfRank: number[] = [];
  const rankOfIdentifier = new Map<number, number>();
  for (const o of obs) {
    if (!rankOfIdentifier.has(o.identifierId)) {
      rankOfIdentifier.set(o.identifierId, identifierOfRank.length);
      identifierOfRank.push(o.identifierId);
    }
  }
  const blockedRanks = new Set<number>();
  for (const o of obs) {
    if (blocked(o.identifierId, { kind: o.kind, value: o.value, display: o.display, meta: o.imeta }, o.linkable)) {
      blockedRanks.add(rankOfIdentifier.get(o.identifierId)!);
    }
  }
  const occurrences: CanonicalIdentifier[] = obs.map((o) => ({
    kind: o.kind,
    value: o.value,
    display: o.display,
    meta: o.ometa,
  }));
  const identifierEdges = deriveIdentifierEdges(occurrences).map(([a, b]): [number, number] => [
    rankOfIdentifier.get(obs[a]!.identifierId)!,
    rankOfIdentifier.get(obs[b]!.identifierId)!,
  ]);
  const d = await loadDecisions(tx, reportIds);
  const inRegion = (pairs: readonly (readonly [number, number])[] | undefined) =>
    (pairs ?? []).flatMap(([a, b]) => {
      const x = rankOfReport.get(a);
      const y = rankOfReport.get(b);
      return x === undefined || y === undefined ? [] : [[x, y] as [number, number]];
    });
  const graph = buildMatchGraph({
    reports: Int32Array.from(reportOfRank.keys()),
    edges: {
      reports: Int32Array.from(obs, (o) => rankOfReport.get(o.reportId)!),
      identifiers: Int32Array.from(obs, (o) => rankOfIdentifier.get(o.identifierId)!),
    },
    identifierEdges,
  });
  const decisions = {
    mustLink: inRegion(d.mustLink),
    cannotLink: inRegion(d.cannotLink),
    detached: [...(d.detached ?? [])].flatMap((r) => rankOfReport.get(r) ?? []),
  };
  const identOfRank = new Map(obs.map((o) => [rankOfIdentifier.get(o.identifierId)!, o]));
  const held = guardRegion(graph, {
    blockedRanks,
    decisions,
    identifier: (rank) => {
      const o = identOfRank.get(rank)!;
      return { id: o.identifierId, kind: o.kind, meta: o.imeta };
    },
    decidedLinking: blocked.decidedLinking,
    mobiles: false,
  });
  for (const h of held) blockedRanks.add(h.rank);
  const result = clusterGraph(graph, { blockedIdentifiers: blockedRanks, decisions });
  const byRoot = new Map<number, number[]>();
  for (let k = 0; k < result.reportIds.length; k++) {
    const root = result.clusterIds[k]!;
    const list = byRoot.get(root) ?? [];
    list.push(reportOfRank[result.reportIds[k]!]!);
    byRoot.set(root, list);
  }
  const clusters = [...byRoot.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members);
  return {
    clusters,
    current: new Map(reports.map((r) => [r.id, r.caseId])),
    result,
    reportOfRank,
    identifierOfRank,
    held,
  };
}
