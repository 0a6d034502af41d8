import "server-only";
import type { IdentifierKind, MetaValue } from "@/lib/matching";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { loadDecisions } from "../store/decisions-load";
import { blockChecker, type BlockCheck } from "../store/warning-list";
import type { CaseIdentifier } from "./detail";
import { bridgedIds, bridgePairs, buildCaseGraph, isLinking, type CaseGraphData } from "./graph-data";

export const GRAPH_REPORT_LIMIT = 120;

const R = table("Report");
const RI = table("ReportIdentifier", "ri");
const RB = table("ReportBridge", "b");
const S = table("BridgeSignature", "s");
const I = table("Identifier");

export interface IdentifierStats {
  /** The 500 most-named identifiers of the case. */
  list: CaseIdentifier[];
  /** How many distinct identifiers the case's reports name. */
  total: number;
  /** Identifier pairs that bridge inside the case (graph-data.ts#bridgePairs). */
  bridges: [number, number][];
  check: BlockCheck;
}

/** Identifiers of the case with how many of its reports name each, whether they link, and the case's bridges. */
export async function identifierStats(db: Db, caseId: number): Promise<IdentifierStats> {
  const check = await blockChecker(db);
  const [rows, bridges] = await Promise.all([
    db.$queryRaw<
      {
        id: number;
        kind: string;
        value: string;
        display: string;
        meta: Record<string, string | number | boolean | null>;
        linkable: boolean;
        reports: number;
        total: number;
      }[]
    >(
      // OFFSET 0 keeps each lookup an index probe (per report, per named
      // identifier); joined plainly, the planner scanned whole tables for a
      // large case (docs/benchmarks.md, case page).
      Prisma.sql`
    WITH rs AS (SELECT ${R.id} AS id FROM ${R} WHERE ${R.caseId} = ${caseId}),
    named AS (
      SELECT ri."identifierId", count(*)::int AS n FROM rs
      CROSS JOIN LATERAL (SELECT ${RI.identifierId} AS "identifierId" FROM ${RI} WHERE ${RI.reportId} = rs.id OFFSET 0) ri
      GROUP BY ri."identifierId"
    )
    SELECT i.id, i.kind::text AS kind, i.value, i.display, i.meta, i.linkable, named.n AS reports, (count(*) OVER ())::int AS total
    FROM named
    CROSS JOIN LATERAL (
      SELECT ${I.id} AS id, ${I.kind} AS kind, ${I.value} AS value, ${I.display} AS display, ${I.meta} AS meta, ${I.linkable} AS linkable
      FROM ${I} WHERE ${I.id} = named."identifierId" OFFSET 0
    ) i
    ORDER BY named.n DESC, i.kind, i.value
    LIMIT 500`,
    ),
    caseBridges(db, caseId, check),
  ]);
  const bridged = bridgedIds(bridges);
  const list = rows.map((r) => {
    const blockedReason = check(
      r.id,
      { kind: r.kind as never, value: r.value, display: r.display, meta: r.meta },
      r.linkable,
    );
    return {
      id: r.id,
      kind: r.kind,
      display: r.display,
      reports: r.reports,
      linking: isLinking({ id: r.id, reports: r.reports, blocked: !!blockedReason }, bridged),
      blockedReason,
    };
  });
  return { list, total: rows[0]?.total ?? 0, bridges, check };
}

/**
 * The bridges inside a case: its identifiers that share a bridge key with
 * another of its identifiers, confirmed as the matcher does (canBridge on
 * their stored bridging observations). Read through the case's own reports,
 * like the counts: an index probe per report, not a scan of every bridge row.
 */
async function caseBridges(db: Db, caseId: number, check: BlockCheck): Promise<[number, number][]> {
  const rows = await db.$queryRaw<
    {
      identifierId: number;
      kind: IdentifierKind;
      value: string;
      imeta: Record<string, MetaValue>;
      linkable: boolean;
      ometa: Record<string, MetaValue>;
    }[]
  >(Prisma.sql`
    WITH rs AS (SELECT ${R.id} AS id FROM ${R} WHERE ${R.caseId} = ${caseId}),
    keys AS (
      SELECT DISTINCT b.key, b."identifierId" FROM rs
      CROSS JOIN LATERAL (
        SELECT ${RB.key} AS key, ${RB.identifierId} AS "identifierId" FROM ${RB} WHERE ${RB.reportId} = rs.id OFFSET 0
      ) b
    ),
    shared AS (SELECT key FROM keys GROUP BY key HAVING count(*) > 1)
    SELECT ${S.identifierId} AS "identifierId", ${I.kind}::text AS kind, ${I.value} AS value, ${I.meta} AS imeta,
           ${I.linkable} AS linkable, ${S.meta} AS ometa
    FROM shared
    JOIN keys ON keys.key = shared.key
    JOIN ${S} ON ${S.key} = keys.key AND ${S.identifierId} = keys."identifierId"
    JOIN ${I} ON ${I.id} = ${S.identifierId}
    ORDER BY ${I.kind}, ${I.value}, ${S.signature}, ${S.key}`);
  if (!rows.length) return [];
  const blocked = new Set(
    rows.flatMap((r) =>
      check(r.identifierId, { kind: r.kind, value: r.value, display: "", meta: r.imeta }, r.linkable)
        ? [r.identifierId]
        : [],
    ),
  );
  return bridgePairs(
    rows.map((r) => ({ identifierId: r.identifierId, kind: r.kind, value: r.value, meta: r.ometa })),
    (id) => blocked.has(id),
  );
}

/**
 * The link graph of the case's first GRAPH_REPORT_LIMIT reports: what they
 * name (the listed identifiers, and any linking one beyond the list), the
 * case's bridges between those identifiers, and investigators' must-links
 * between those reports (graph-data.ts).
 */
export async function caseGraph(db: Db, caseId: number, stats: IdentifierStats): Promise<CaseGraphData> {
  const rows = await db.$queryRaw<{ reportId: number; reference: string; identifierId: number | null }[]>(Prisma.sql`
    WITH rs AS (SELECT ${R.id} AS id, ${R.reference} AS reference FROM ${R} WHERE ${R.caseId} = ${caseId} ORDER BY ${R.id} LIMIT ${GRAPH_REPORT_LIMIT + 1}::int)
    SELECT rs.id AS "reportId", rs.reference, ${RI.identifierId} AS "identifierId"
    FROM rs LEFT JOIN ${RI} ON ${RI.reportId} = rs.id
    ORDER BY rs.id`);
  const reports = new Map<number, string>();
  for (const r of rows) if (!reports.has(r.reportId)) reports.set(r.reportId, r.reference);
  const truncated = reports.size > GRAPH_REPORT_LIMIT;
  const drawn = [...reports].slice(0, GRAPH_REPORT_LIMIT).map(([id, reference]) => ({ id, reference }));
  const drawnIds = new Set(drawn.map((r) => r.id));
  const names = rows.flatMap((r) =>
    r.identifierId !== null && drawnIds.has(r.reportId) ? [{ reportId: r.reportId, identifierId: r.identifierId }] : [],
  );
  const bridged = bridgedIds(stats.bridges);
  const listed = stats.list.map((i) => ({ ...i, blocked: !!i.blockedReason }));
  const known = new Set(listed.map((i) => i.id));
  const missing = [...new Set(names.map((n) => n.identifierId))].filter((id) => !known.has(id));
  const [beyond, decisions] = await Promise.all([
    linkingBeyondList(db, caseId, missing, stats.check, bridged),
    drawnIds.size ? loadDecisions(db, [...drawnIds]) : Promise.resolve({ mustLink: [] }),
  ]);
  return buildCaseGraph({
    reports: drawn,
    names,
    identifiers: [...listed, ...beyond],
    bridges: stats.bridges,
    mustLinks: decisions.mustLink ?? [],
    truncated,
  });
}

/**
 * Identifiers the drawn reports name beyond the 500 most-named list that
 * still link (bridged, or named by a second report of the case): a bridged
 * partial account named once sorts last, and its edges hold the case together.
 */
async function linkingBeyondList(
  db: Db,
  caseId: number,
  ids: number[],
  check: BlockCheck,
  bridged: ReadonlySet<number>,
): Promise<{ id: number; kind: string; display: string; blocked: boolean; linking: boolean }[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<
    { id: number; kind: IdentifierKind; value: string; display: string; meta: unknown; linkable: boolean }[]
  >(Prisma.sql`
    SELECT ${I.id}, ${I.kind}::text AS kind, ${I.value}, ${I.display}, ${I.meta}, ${I.linkable}
    FROM ${I} WHERE ${I.id} = ANY(${ids}::int[])`);
  const open = rows.filter((r) => !check(r.id, { ...r, meta: r.meta as Record<string, MetaValue> }, r.linkable));
  // Named by a second report of the case? At most two rows per identifier: an
  // identifier that links is in this case wherever it is named.
  const probe = open.filter((r) => !bridged.has(r.id)).map((r) => r.id);
  const counts = probe.length
    ? await db.$queryRaw<{ id: number; n: number }[]>(Prisma.sql`
        SELECT x.id, (SELECT count(*)::int FROM (
          SELECT 1 FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId}
          WHERE ${RI.identifierId} = x.id AND ${R.caseId} = ${caseId} LIMIT 2) two) AS n
        FROM unnest(${probe}::int[]) AS x(id)`)
    : [];
  const n = new Map(counts.map((c) => [c.id, c.n]));
  return open.flatMap((r) =>
    isLinking({ id: r.id, reports: n.get(r.id) ?? 1, blocked: false }, bridged)
      ? [{ id: r.id, kind: r.kind, display: r.display, blocked: false, linking: true }]
      : [],
  );
}
