import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type AnyActor, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import {
  buildMatchGraph,
  clusterGraph,
  deriveIdentifierEdges,
  IDENTIFIER_KINDS,
  PHONE_TYPES,
  type CanonicalIdentifier,
  type IdentifierKind,
  type MetaValue,
} from "@/lib/matching";
import { applyClusters } from "./apply";
import { parseIntList } from "./int-list";
import { loadDecisions } from "./decisions-load";
import { lockAllMatching } from "./locks";
import { blockedIdentifiersSql, decidedLinkingSql } from "./warning-list";
import { guardRegion, syncHolds } from "./shared-numbers";
import type { MatchSummary, Tx } from "./types";

export interface ReclusterResult extends MatchSummary {
  reports: number;
  cases: number;
  timings: Record<string, number>;
}

const CHUNK = 200_000;

const R = table("Report");
const I = table("Identifier");
const RI = table("ReportIdentifier");
const S = table("BridgeSignature", "s");
const SI = table("Identifier", "i");

/**
 * Rebuilds every case from the stored identifiers, the warning list and the
 * investigators' decisions. The grouping depends only on what is stored (ranks
 * by submittedAt/externalId and kind/value, never on arrival order) and equals
 * what incremental matching produced; case numbers are kept where a case
 * survives. Holds the global matching lock, so report submissions wait.
 * Needs rebuild:case:any (admins; `npm run recluster` acts as the system).
 */
export async function reclusterAll(db: Db, ctx: ServiceContext<AnyActor>): Promise<ReclusterResult> {
  assertCan(ctx.actor, "rebuild:case:any");
  const actorId = ctx.actor.id;
  const t: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = Math.round(now - mark);
    mark = now;
  };
  return db.$transaction(
    async (tx) => {
      await lockAllMatching(tx);
      // Ids travel as one comma-separated string each (see parseIntList).
      const [order] = await tx.$queryRaw<{ pairs: string | null }[]>(Prisma.sql`
        SELECT string_agg(${R.id}::text || ',' || COALESCE(${R.caseId}, 0)::text, ','
                          ORDER BY ${R.submittedAt}, COALESCE(${R.externalId}, ${R.reference}), ${R.id}) AS pairs
        FROM ${R}`);
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

      const [idents] = await tx.$queryRaw<{ ids: string | null }[]>(
        Prisma.sql`SELECT string_agg(${I.id}::text, ',' ORDER BY ${I.kind}, ${I.value}) AS ids FROM ${I}`,
      );
      const identifierOfRank = parseIntList(idents?.ids);
      let maxIdent = 0;
      for (const id of identifierOfRank) if (id > maxIdent) maxIdent = id;
      const rankOfIdentifier = new Int32Array(maxIdent + 1).fill(-1);
      identifierOfRank.forEach((id, k) => (rankOfIdentifier[id] = k));
      const [blockedRows] = await tx.$queryRaw<{ ids: string | null }[]>(
        Prisma.sql`SELECT string_agg(b.id::text, ',') AS ids FROM (${blockedIdentifiersSql}) AS b(id)`,
      );
      const blocked = new Set(Array.from(parseIntList(blockedRows?.ids), (id) => rankOfIdentifier[id]!));
      // Kind and phone type per identifier rank, as list positions: what the guard needs, without the values.
      const [roles] = await tx.$queryRaw<{ codes: string | null }[]>(Prisma.sql`
        SELECT string_agg(array_position(${[...IDENTIFIER_KINDS]}::text[], ${I.kind}::text)::text || ',' ||
                          COALESCE(array_position(${[...PHONE_TYPES]}::text[], ${I.meta}->>'type'), 0)::text, ','
                          ORDER BY ${I.kind}, ${I.value}) AS codes FROM ${I}`);
      const roleCodes = parseIntList(roles?.codes);
      const [decided] = await tx.$queryRaw<{ ids: string | null }[]>(
        Prisma.sql`SELECT string_agg(l.id::text, ',') AS ids FROM (${decidedLinkingSql}) AS l(id)`,
      );
      const decidedLinking = new Set(parseIntList(decided?.ids));
      lap("loadIdentifiers");

      const edgeReports: number[] = [];
      const edgeIdentifiers: number[] = [];
      for (let from = 0; from <= maxReport; from += CHUNK) {
        const [chunk] = await tx.$queryRaw<{ pairs: string | null }[]>(Prisma.sql`
          SELECT string_agg(${RI.reportId}::text || ',' || ${RI.identifierId}::text, ',') AS pairs FROM ${RI}
          WHERE ${RI.reportId} >= ${from} AND ${RI.reportId} < ${from + CHUNK}`);
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
      const K = table("BridgeSignature", "k");
      const obs = await tx.$queryRaw<
        { identifierId: number; kind: IdentifierKind; value: string; meta: Record<string, MetaValue> }[]
      >(Prisma.sql`
        SELECT ${S.identifierId} AS "identifierId", ${SI.kind}::text AS kind, ${SI.value} AS value, ${S.meta} AS meta
        FROM ${S}
        JOIN ${SI} ON ${SI.id} = ${S.identifierId}
        WHERE ${S.key} IN (SELECT ${K.key} FROM ${K} GROUP BY ${K.key} HAVING count(DISTINCT ${K.identifierId}) > 1)
        ORDER BY ${SI.kind}, ${SI.value}, ${S.signature}, ${S.key}`);
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

      const graph = buildMatchGraph({
        reports: Int32Array.from({ length: n }, (_, k) => k),
        edges: { reports: Int32Array.from(edgeReports), identifiers: Int32Array.from(edgeIdentifiers) },
        identifierEdges,
      });
      const decisions = {
        mustLink: rank(d.mustLink),
        cannotLink: rank(d.cannotLink),
        detached: [...(d.detached ?? [])].map((r) => rankOfReport[r]!),
      };
      const held = guardRegion(graph, {
        blockedRanks: blocked,
        decisions,
        identifier: (r) => ({
          id: identifierOfRank[r]!,
          kind: IDENTIFIER_KINDS[roleCodes[2 * r]! - 1]!,
          meta: { type: PHONE_TYPES[roleCodes[2 * r + 1]! - 1] ?? null },
        }),
        decidedLinking,
        mobiles: true,
      });
      for (const h of held) blocked.add(h.rank);
      lap("guard");
      const result = clusterGraph(graph, { blockedIdentifiers: blocked, decisions });
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
      const { touched: _, ...summary } = await applyClusters(tx as Tx, clusters, current, {
        cause: "recluster",
        actorId,
      });
      await syncHolds(tx as Tx, held);
      lap("apply");
      await recordAudit(tx, {
        actorId,
        action: "case.recluster",
        resourceType: "case",
        resourceId: "*",
        ip: ctx.ip,
        detail: {
          ...summary,
          reports: n,
          cases: clusters.length,
          sharedNumbersHeld: held.length,
          ...(ctx.actor.role === "system" ? { tool: ctx.actor.tool } : {}),
        },
      });
      return { ...summary, reports: n, cases: clusters.length, timings: t };
    },
    { timeout: 30 * 60_000, maxWait: 10 * 60_000 },
  );
}
