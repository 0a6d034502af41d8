import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { clusterReports, deriveIdentifierEdges, type CanonicalIdentifier, type IdentifierKind, type MetaValue } from "@/lib/matching";
import { applyClusters } from "./apply";
import { loadDecisions } from "./decisions-load";
import { MATCH_LOCK, type MatchSummary, type Tx } from "./types";

export interface ReclusterResult extends MatchSummary {
  reports: number;
  cases: number;
  timings: Record<string, number>;
}

/** Identifiers that never link, decided in SQL so millions of values never reach JavaScript. */
const BLOCKED_SQL = `
  SELECT i."id" FROM "Identifier" i WHERE NOT i."linkable"
  UNION
  SELECT i."id" FROM "Identifier" i JOIN "WarningListEntry" w ON w."match" = 'exact'
    AND ((w."kind" = i."kind" AND w."value" = i."value") OR (w."kind" = 'phone' AND i."meta"->>'phone' = w."value"))
  UNION
  SELECT i."id" FROM "Identifier" i JOIN "WarningListEntry" w ON w."match" = 'prefix'
    AND ((w."kind" = i."kind" AND starts_with(i."value", w."value")) OR (w."kind" = 'phone' AND starts_with(i."meta"->>'phone', w."value")))
  UNION
  SELECT "identifierId" FROM "MatchDecision" WHERE "type" = 'no_link_identifier' AND "revokedAt" IS NULL AND "identifierId" IS NOT NULL`;

const CHUNK = 200_000;

/**
 * Rebuilds every case from the stored identifiers, the warning list and the
 * investigators' decisions. The grouping depends only on what is stored (ranks
 * by submittedAt/externalId and kind/value, never on arrival order) and equals
 * what incremental matching produced; case numbers are kept where a case
 * survives. Holds the global matching lock, so report submissions wait.
 */
export async function reclusterAll(db: PrismaClient, opts: { actorId?: string | null } = {}): Promise<ReclusterResult> {
  const t: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = Math.round(now - mark);
    mark = now;
  };
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, MATCH_LOCK);
      const [order] = await tx.$queryRawUnsafe<{ ids: number[] | null; cases: (number | null)[] | null }[]>(
        `SELECT array_agg("id" ORDER BY "submittedAt", COALESCE("externalId", "reference"), "id") AS ids,
                array_agg("caseId" ORDER BY "submittedAt", COALESCE("externalId", "reference"), "id") AS cases
         FROM "Report"`,
      );
      const reportOfRank = Int32Array.from(order?.ids ?? []);
      const n = reportOfRank.length;
      let maxReport = 0;
      for (let k = 0; k < n; k++) if (reportOfRank[k]! > maxReport) maxReport = reportOfRank[k]!;
      const rankOfReport = new Int32Array(maxReport + 1).fill(-1);
      for (let k = 0; k < n; k++) rankOfReport[reportOfRank[k]!] = k;
      lap("loadReports");

      const [idents] = await tx.$queryRawUnsafe<{ ids: number[] | null }[]>(`SELECT array_agg("id" ORDER BY "kind", "value") AS ids FROM "Identifier"`);
      const identifierOfRank = idents?.ids ?? [];
      let maxIdent = 0;
      for (const id of identifierOfRank) if (id > maxIdent) maxIdent = id;
      const rankOfIdentifier = new Int32Array(maxIdent + 1).fill(-1);
      identifierOfRank.forEach((id, k) => (rankOfIdentifier[id] = k));
      const blockedRows = await tx.$queryRawUnsafe<{ ids: number[] | null }[]>(`SELECT array_agg("id") AS ids FROM (${BLOCKED_SQL}) b`);
      const blocked = new Set((blockedRows[0]?.ids ?? []).map((id) => rankOfIdentifier[id]!));
      lap("loadIdentifiers");

      const edgeReports: number[] = [];
      const edgeIdentifiers: number[] = [];
      for (let from = 0; from <= maxReport; from += CHUNK) {
        const [chunk] = await tx.$queryRawUnsafe<{ r: number[] | null; i: number[] | null }[]>(
          `SELECT array_agg("reportId") AS r, array_agg("identifierId") AS i FROM "ReportIdentifier" WHERE "reportId" >= $1 AND "reportId" < $2`,
          from,
          from + CHUNK,
        );
        const rs = chunk?.r ?? [];
        const is = chunk?.i ?? [];
        for (let k = 0; k < rs.length; k++) {
          edgeReports.push(rankOfReport[rs[k]!]!);
          edgeIdentifiers.push(rankOfIdentifier[is[k]!]!);
        }
      }
      lap("loadEdges");

      // Only keys named by two or more identifiers can bridge anything.
      const obs = await tx.$queryRawUnsafe<{ identifierId: number; kind: IdentifierKind; value: string; meta: Record<string, MetaValue> }[]>(
        `SELECT b."identifierId", i."kind"::text AS kind, i."value", ri."meta"
         FROM "ReportBridge" b
         JOIN "ReportIdentifier" ri ON ri."reportId" = b."reportId" AND ri."identifierId" = b."identifierId"
         JOIN "Identifier" i ON i."id" = b."identifierId"
         WHERE b."key" IN (SELECT "key" FROM "ReportBridge" GROUP BY "key" HAVING count(DISTINCT "identifierId") > 1)
         ORDER BY i."kind", i."value"`,
      );
      const occurrences: CanonicalIdentifier[] = obs.map((o) => ({ kind: o.kind, value: o.value, display: "", meta: o.meta }));
      const identifierEdges = deriveIdentifierEdges(occurrences).map(([a, b]): [number, number] => [
        rankOfIdentifier[obs[a]!.identifierId]!,
        rankOfIdentifier[obs[b]!.identifierId]!,
      ]);
      const d = await loadDecisions(tx, "all");
      const rank = (pairs: readonly (readonly [number, number])[] | undefined) =>
        (pairs ?? []).flatMap(([a, b]) => (rankOfReport[a]! >= 0 && rankOfReport[b]! >= 0 ? [[rankOfReport[a]!, rankOfReport[b]!] as [number, number]] : []));
      lap("loadBridgesAndDecisions");

      const result = clusterReports({
        reports: Int32Array.from({ length: n }, (_, k) => k),
        edges: { reports: Int32Array.from(edgeReports), identifiers: Int32Array.from(edgeIdentifiers) },
        identifierEdges,
        blockedIdentifiers: blocked,
        decisions: { mustLink: rank(d.mustLink), cannotLink: rank(d.cannotLink), detached: [...(d.detached ?? [])].map((r) => rankOfReport[r]!) },
      });
      lap("cluster");

      const byRoot = new Map<number, number[]>();
      for (let k = 0; k < result.reportIds.length; k++) {
        const root = result.clusterIds[k]!;
        let list = byRoot.get(root);
        if (!list) byRoot.set(root, (list = []));
        list.push(reportOfRank[result.reportIds[k]!]!);
      }
      const clusters = [...byRoot.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
      const current = new Map<number, number | null>();
      const cases = order?.cases ?? [];
      for (let k = 0; k < n; k++) current.set(reportOfRank[k]!, cases[k] ?? null);
      const summary = await applyClusters(tx as Tx, clusters, current, { cause: "recluster", actorId: opts.actorId });
      lap("apply");
      return { ...summary, reports: n, cases: clusters.length, timings: t };
    },
    { timeout: 30 * 60_000, maxWait: 10 * 60_000 },
  );
}
