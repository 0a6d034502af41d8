import "server-only";
import { env } from "@/lib/env";
import {
  findSharedNumbers,
  sharedNumberRole,
  type LinkDecisions,
  type MatchGraph,
  type MetaValue,
  type SharedNumberFinding,
} from "@/lib/matching";
import { Prisma, table } from "@/lib/db/sql";
import type { Tx } from "./types";

/**
 * The over-correlation guard in the store (ADR 0011): every re-cluster of a
 * region, every case a report joins and the full re-cluster run the pure
 * findSharedNumbers; what it finds is recorded as a held SharedNumber, which
 * blockChecker then treats like a warning-listed number until staff decide.
 */

export interface Held {
  /** Rank (dense index) in the graph the guard ran on. */
  rank: number;
  identifierId: number;
  reports: number;
  groups: number;
}

export const guardOptions = () => ({
  minGroups: env().SHARED_NUMBER_MIN_GROUPS,
  minGroupsStrict: env().SHARED_NUMBER_MIN_GROUPS_STRICT,
});

/** Runs the guard on a region's graph (ids in the graph are ranks). */
export function guardRegion(
  graph: MatchGraph,
  input: {
    blockedRanks: ReadonlySet<number>;
    decisions: LinkDecisions;
    identifier: (rank: number) => { id: number; kind: string; meta: Record<string, MetaValue> };
    decidedLinking: ReadonlySet<number>;
    /** Mobiles only where the whole picture is known (the full re-cluster): see findSharedNumbers. */
    mobiles: boolean;
  },
): Held[] {
  if (env().SHARED_NUMBER_GUARD === "off") return [];
  const nI = graph.identifiers.ids.length;
  const nR = graph.reports.ids.length;
  const blocked = new Uint8Array(nI);
  const eligible = new Uint8Array(nI);
  const strict = new Uint8Array(nI);
  const contact = new Uint8Array(nI);
  let any = false;
  for (let i = 0; i < nI; i++) {
    const rank = graph.identifiers.ids[i]!;
    const ident = input.identifier(rank);
    const role = sharedNumberRole(ident);
    blocked[i] = input.blockedRanks.has(rank) ? 1 : 0;
    eligible[i] = role.eligible && !blocked[i] && !input.decidedLinking.has(ident.id) ? 1 : 0;
    strict[i] = role.strict ? 1 : 0;
    contact[i] = role.contact ? 1 : 0;
    if (eligible[i] && graph.identifierOffsets[i + 1]! - graph.identifierOffsets[i]! >= 2) any = true;
  }
  if (!any || nR < 4) return [];
  const detached = new Uint8Array(nR);
  for (const r of input.decisions.detached ?? []) {
    const k = graph.reports.indexOf(r);
    if (k >= 0) detached[k] = 1;
  }
  const mustLink = (input.decisions.mustLink ?? []).flatMap(([a, b]) => {
    const x = graph.reports.indexOf(a);
    const y = graph.reports.indexOf(b);
    return x >= 0 && y >= 0 ? [[x, y] as const] : [];
  });
  const found = findSharedNumbers({
    graph,
    blocked,
    eligible,
    strict,
    contact,
    detached,
    mustLink,
    mobiles: input.mobiles,
    options: guardOptions(),
  });
  return found.map((f: SharedNumberFinding) => {
    const rank = graph.identifiers.ids[f.identifier]!;
    return { rank, identifierId: input.identifier(rank).id, reports: f.reports, groups: f.groups };
  });
}

const SN = table("SharedNumber");

/**
 * Records what the guard holds. A number released by an earlier full
 * re-cluster is held again; one staff decided on is never found (official
 * ones are warning-listed, the scammer's are not eligible).
 */
export async function recordHolds(tx: Tx, held: readonly Pick<Held, "identifierId" | "reports" | "groups">[]) {
  if (!held.length) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO ${SN} (${SN.$.identifierId}, ${SN.$.reports}, ${SN.$.groups}, ${SN.$.updatedAt})
    SELECT t.i, t.r, t.g, now() FROM unnest(${held.map((h) => h.identifierId)}::int[],
      ${held.map((h) => h.reports)}::int[], ${held.map((h) => h.groups)}::int[]) AS t(i, r, g)
    ON CONFLICT (${SN.$.identifierId}) DO UPDATE SET
      ${SN.$.status} = 'held',
      ${SN.$.reports} = EXCLUDED.${SN.$.reports},
      ${SN.$.groups} = EXCLUDED.${SN.$.groups},
      ${SN.$.heldAt} = CASE WHEN ${SN.status} = 'released' THEN now() ELSE ${SN.heldAt} END,
      ${SN.$.updatedAt} = now()
    WHERE ${SN.status} IN ('held', 'released')`);
}

/** After a full re-cluster: what it holds, and held numbers it no longer finds are released. */
export async function syncHolds(tx: Tx, held: readonly Pick<Held, "identifierId" | "reports" | "groups">[]) {
  await tx.$executeRaw(Prisma.sql`
    UPDATE ${SN} SET ${SN.$.status} = 'released', ${SN.$.updatedAt} = now()
    WHERE ${SN.status} = 'held' AND NOT (${SN.identifierId} = ANY(${held.map((h) => h.identifierId)}::int[]))`);
  await recordHolds(tx, held);
}

const C = table("Case", "c");

/**
 * Cases that reports just joined and that the guard should look at again:
 * big enough to hold two groups, and (for very big ones) grown by a tenth
 * since the last look.
 */
export async function casesToGuard(
  tx: Tx,
  caseIds: number[],
  always: number[] = [],
): Promise<{ caseId: number; reports: number }[]> {
  if (!caseIds.length || env().SHARED_NUMBER_GUARD === "off") return [];
  const max = env().SHARED_NUMBER_CHECK_MAX_REPORTS;
  return tx.$queryRaw<{ caseId: number; reports: number }[]>(Prisma.sql`
    SELECT ${C.id} AS "caseId", ${C.reportCount} AS reports FROM ${C}
    WHERE ${C.id} = ANY(${caseIds}::int[]) AND ${C.reportCount} >= 4
      AND (${C.reportCount} <= ${max} OR ${C.reportCount} * 10 >= ${C.guardCheckedReports} * 11
           OR ${C.id} = ANY(${always}::int[]))`);
}

/** Big cases that grew since the guard last looked at them (an import catches up on them at its end). */
export async function casesBehind(tx: Tx): Promise<number[]> {
  if (env().SHARED_NUMBER_GUARD === "off") return [];
  const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
    SELECT ${C.id} AS id FROM ${C}
    WHERE ${C.reportCount} > ${env().SHARED_NUMBER_CHECK_MAX_REPORTS} AND ${C.reportCount} > ${C.guardCheckedReports}`);
  return rows.map((r) => r.id);
}

export async function markGuarded(tx: Tx, cases: { caseId: number; reports: number }[]) {
  const big = cases.filter((c) => c.reports > env().SHARED_NUMBER_CHECK_MAX_REPORTS);
  if (!big.length) return;
  await tx.$executeRaw(Prisma.sql`
    UPDATE ${table("Case")} SET ${C.$.guardCheckedReports} = g.n
    FROM unnest(${big.map((c) => c.caseId)}::int[], ${big.map((c) => c.reports)}::int[]) AS g(id, n)
    WHERE ${table("Case").id} = g.id`);
}
