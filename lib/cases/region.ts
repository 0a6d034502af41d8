import "server-only";
import {
  clusterReports,
  deriveIdentifierEdges,
  type CanonicalIdentifier,
  type ClusterResult,
  type IdentifierKind,
  type MetaValue,
} from "@/lib/matching";
import { loadDecisions } from "./decisions-load";
import { blockChecker, type BlockCheck } from "./warning-list";
import type { Tx } from "./types";

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
    const mine = await tx.$queryRawUnsafe<
      {
        identifierId: number;
        kind: IdentifierKind;
        value: string;
        meta: Record<string, MetaValue>;
        linkable: boolean;
      }[]
    >(
      `SELECT ri."identifierId", i."kind"::text AS kind, i."value", i."meta", i."linkable"
       FROM "ReportIdentifier" ri JOIN "Identifier" i ON i."id" = ri."identifierId"
       WHERE ri."reportId" = ANY($1::int[])`,
      frontier,
    );
    const open = mine
      .filter((m) => !blocked(m.identifierId, { kind: m.kind, value: m.value, display: "", meta: m.meta }, m.linkable))
      .map((m) => m.identifierId);
    // Over-inclusion is harmless (a bigger region clusters the same); missing
    // a link is not, so bridge keys are followed without checking canBridge.
    const linked = await tx.$queryRawUnsafe<{ caseId: number | null; reportId: number | null }[]>(
      `SELECT DISTINCT r."caseId", CASE WHEN r."caseId" IS NULL THEN r."id" END AS "reportId"
       FROM "ReportIdentifier" ri JOIN "Report" r ON r."id" = ri."reportId"
       WHERE ri."identifierId" = ANY($1::int[])
       UNION
       SELECT DISTINCT r."caseId", CASE WHEN r."caseId" IS NULL THEN r."id" END
       FROM "ReportBridge" b JOIN "Report" r ON r."id" = b."reportId"
       WHERE b."key" IN (SELECT "key" FROM "ReportBridge" WHERE "reportId" = ANY($2::int[]))
       UNION
       SELECT DISTINCT r."caseId", CASE WHEN r."caseId" IS NULL THEN r."id" END
       FROM "MatchDecision" d JOIN "Report" r ON r."id" = ANY(d."reportIds")
       WHERE d."revokedAt" IS NULL AND d."reportIds" && $2::int[]`,
      open,
      frontier,
    );
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
  const reports = await tx.$queryRawUnsafe<{ id: number; caseId: number | null }[]>(
    `SELECT "id", "caseId" FROM "Report" WHERE "id" = ANY($1::int[])
     ORDER BY "submittedAt", COALESCE("externalId", "reference"), "id"`,
    reportIds,
  );
  const reportOfRank = reports.map((r) => r.id);
  const rankOfReport = new Map(reportOfRank.map((id, k) => [id, k]));
  const obs = await tx.$queryRawUnsafe<ObsRow[]>(
    `SELECT ri."reportId", ri."identifierId", i."kind"::text AS kind, i."value", i."display",
            i."meta" AS imeta, ri."meta" AS ometa, i."linkable"
     FROM "ReportIdentifier" ri JOIN "Identifier" i ON i."id" = ri."identifierId"
     WHERE ri."reportId" = ANY($1::int[])
     ORDER BY i."kind", i."value"`,
    reportIds,
  );
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
  const result = clusterReports({
    reports: Int32Array.from(reportOfRank.keys()),
    edges: {
      reports: Int32Array.from(obs, (o) => rankOfReport.get(o.reportId)!),
      identifiers: Int32Array.from(obs, (o) => rankOfIdentifier.get(o.identifierId)!),
    },
    identifierEdges,
    blockedIdentifiers: blockedRanks,
    decisions: {
      mustLink: inRegion(d.mustLink),
      cannotLink: inRegion(d.cannotLink),
      detached: [...(d.detached ?? [])].flatMap((r) => rankOfReport.get(r) ?? []),
    },
  });
  const byRoot = new Map<number, number[]>();
  for (let k = 0; k < result.reportIds.length; k++) {
    const root = result.clusterIds[k]!;
    const list = byRoot.get(root) ?? [];
    list.push(reportOfRank[result.reportIds[k]!]!);
    byRoot.set(root, list);
  }
  const clusters = [...byRoot.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members);
  return { clusters, current: new Map(reports.map((r) => [r.id, r.caseId])), result, reportOfRank, identifierOfRank };
}
