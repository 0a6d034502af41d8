import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import {
  clusterReports,
  deriveIdentifierEdges,
  type CanonicalIdentifier,
  type IdentifierKind,
  type MetaValue,
} from "@/lib/matching";
import { applyClusters } from "./apply";
import { parseIntList } from "./int-list";
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
      // Ids travel as one comma-separated string each (see parseIntList).
      const [order] = await tx.$queryRawUnsafe<{ pairs: string | null }[]>(
        `SELECT string_agg("id"::text || ',' || COALESCE("caseId", 0)::text, ',' ORDER BY "submittedAt", COALESCE("externalId", "reference"), "id") AS pairs
         FROM "Report"`,
      );
      const pairs = parseIntList(order?.pairs);
      const n = pairs.length / 2;
      const reportOfRank = new Int32Array(n);
      const caseOfRank = new Int32Array(n);
      let maxReport = 0;
      for (let k = 0; k < n; k++) {
        reportOfRank[k] = pairs[2 * k]!;
        caseOfRank[k] = pairs[2 * k + 1]!;
        if (reportOfRank[k]! > maxReport) maxReport = reportOfRank[k]!;
      }
      const rankOfReport = new Int32Array(maxReport + 1).fill(-1);
      for (let k = 0; k < n; k++) rankOfReport[reportOfRank[k]!] = k;
      lap("loadReports");

      const [idents] = await tx.$queryRawUnsafe<{ ids: string | null }[]>(
        `SELECT string_agg("id"::text, ',' ORDER BY "kind", "value") AS ids FROM "Identifier"`,
      );
      const identifierOfRank = parseIntList(idents?.ids);
      let maxIdent = 0;
      for (const id of identifierOfRank) if (id > maxIdent) maxIdent = id;
      const rankOfIdentifier = new Int32Array(maxIdent + 1).fill(-1);
      identifierOfRank.forEach((id, k) => (rankOfIdentifier[id] = k));
      const [blockedRows] = await tx.$queryRawUnsafe<{ ids: string | null }[]>(
        `SELECT string_agg("id"::text, ',') AS ids FROM (${BLOCKED_SQL}) b`,
      );
      const blocked = new Set(Array.from(parseIntList(blockedRows?.ids), (id) => rankOfIdentifier[id]!));
      lap("loadIdentifiers");

      const edgeReports: number[] = [];
      const edgeIdentifiers: number[] = [];
      for (let from = 0; from <= maxReport; from += CHUNK) {
        const [chunk] = await tx.$queryRawUnsafe<{ pairs: string | null }[]>(
          `SELECT string_agg("reportId"::text || ',' || "identifierId"::text, ',') AS pairs FROM "ReportIdentifier" WHERE "reportId" >= $1 AND "reportId" < $2`,
          from,
          from + CHUNK,
        );
        const edges = parseIntList(chunk?.pairs);
        for (let k = 0; k < edges.length; k += 2) {
          edgeReports.push(rankOfReport[edges[k]!]!);
          edgeIdentifiers.push(rankOfIdentifier[edges[k + 1]!]!);
        }
      }
      lap("loadEdges");

      // Only keys named by two or more identifiers can bridge anything. The
      // signatures hold each identifier's distinct bridging observations (what
      // incremental matching compares too), far fewer rows than ReportBridge.
      const obs = await tx.$queryRawUnsafe<
        { identifierId: number; kind: IdentifierKind; value: string; meta: Record<string, MetaValue> }[]
      >(
        `SELECT s."identifierId", i."kind"::text AS kind, i."value", s."meta"
         FROM "BridgeSignature" s
         JOIN "Identifier" i ON i."id" = s."identifierId"
         WHERE s."key" IN (SELECT "key" FROM "BridgeSignature" GROUP BY "key" HAVING count(DISTINCT "identifierId") > 1)
         ORDER BY i."kind", i."value", s."signature", s."key"`,
      );
      const occurrences: CanonicalIdentifier[] = obs.map((o) => ({
        kind: o.kind,
        value: o.value,
        display: "",
        meta: o.meta,
      }));
      const identifierEdges = deriveIdentifierEdges(occurrences).map(([a, b]): [number, number] => [
        rankOfIdentifier[obs[a]!.identifierId]!,
        rankOfIdentifier[obs[b]!.identifierId]!,
      ]);
      const d = await loadDecisions(tx, "all");
      const rank = (pairs: readonly (readonly [number, number])[] | undefined) =>
        (pairs ?? []).flatMap(([a, b]) =>
          rankOfReport[a]! >= 0 && rankOfReport[b]! >= 0
            ? [[rankOfReport[a]!, rankOfReport[b]!] as [number, number]]
            : [],
        );
      lap("loadBridgesAndDecisions");

      const result = clusterReports({
        reports: Int32Array.from({ length: n }, (_, k) => k),
        edges: { reports: Int32Array.from(edgeReports), identifiers: Int32Array.from(edgeIdentifiers) },
        identifierEdges,
        blockedIdentifiers: blocked,
        decisions: {
          mustLink: rank(d.mustLink),
          cannotLink: rank(d.cannotLink),
          detached: [...(d.detached ?? [])].map((r) => rankOfReport[r]!),
        },
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
      for (let k = 0; k < n; k++) current.set(reportOfRank[k]!, caseOfRank[k] || null);
      const summary = await applyClusters(tx as Tx, clusters, current, { cause: "recluster", actorId: opts.actorId });
      lap("apply");
      return { ...summary, reports: n, cases: clusters.length, timings: t };
    },
    { timeout: 30 * 60_000, maxWait: 10 * 60_000 },
  );
}
