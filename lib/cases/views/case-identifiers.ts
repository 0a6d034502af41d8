import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { blockChecker } from "../store/warning-list";
import type { CaseDetail, CaseIdentifier } from "./detail";

export const GRAPH_REPORT_LIMIT = 120;

const R = table("Report");
const RI = table("ReportIdentifier", "ri");
const RB = table("ReportBridge", "b");
const I = table("Identifier");

/** Identifiers of the case with how many of its reports name each, and whether they link. */
export async function identifierStats(db: Db, caseId: number): Promise<{ list: CaseIdentifier[]; total: number }> {
  const rows = await db.$queryRaw<
    {
      id: number;
      kind: string;
      value: string;
      display: string;
      meta: Record<string, string | number | boolean | null>;
      linkable: boolean;
      reports: number;
      bridged: boolean;
      total: number;
    }[]
  >(
    // Bridged is looked up through the case's own reports: as an EXISTS per
    // identifier it was planned as a scan of every bridge row (~50 ms at 100k).
    // OFFSET 0 keeps the Identifier lookup an index probe per named identifier;
    // joined plainly, the whole table was scanned.
    Prisma.sql`
    WITH rs AS (SELECT ${R.id} AS id FROM ${R} WHERE ${R.caseId} = ${caseId}),
    named AS (SELECT ${RI.identifierId} AS "identifierId", count(*)::int AS n FROM ${RI} JOIN rs ON rs.id = ${RI.reportId} GROUP BY ${RI.identifierId}),
    bridged AS (SELECT DISTINCT ${RB.identifierId} AS "identifierId" FROM ${RB} JOIN rs ON rs.id = ${RB.reportId})
    SELECT i.id, i.kind::text AS kind, i.value, i.display, i.meta, i.linkable, named.n AS reports, (count(*) OVER ())::int AS total,
           (bridged."identifierId" IS NOT NULL) AS bridged
    FROM named
    CROSS JOIN LATERAL (
      SELECT ${I.id} AS id, ${I.kind} AS kind, ${I.value} AS value, ${I.display} AS display, ${I.meta} AS meta, ${I.linkable} AS linkable
      FROM ${I} WHERE ${I.id} = named."identifierId" OFFSET 0
    ) i
    LEFT JOIN bridged ON bridged."identifierId" = named."identifierId"
    ORDER BY named.n DESC, i.kind, i.value
    LIMIT 500`,
  );
  const check = await blockChecker(db);
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
      linking: !blockedReason && (r.reports > 1 || r.bridged),
      blockedReason,
    };
  });
  return { list, total: rows[0]?.total ?? 0 };
}

export async function caseGraph(db: Db, caseId: number, identifiers: CaseIdentifier[]): Promise<CaseDetail["graph"]> {
  const links = await db.$queryRaw<{ reportId: number; reference: string; identifierId: number }[]>(Prisma.sql`
    WITH rs AS (SELECT ${R.id} AS id, ${R.reference} AS reference FROM ${R} WHERE ${R.caseId} = ${caseId} ORDER BY ${R.id} LIMIT ${GRAPH_REPORT_LIMIT}::int)
    SELECT rs.id AS "reportId", rs.reference, ${RI.identifierId} AS "identifierId" FROM rs JOIN ${RI} ON ${RI.reportId} = rs.id`);
  const byId = new Map(identifiers.map((i) => [i.id, i]));
  const reports = new Map(links.map((l) => [l.reportId, l.reference]));
  const used = new Set(links.map((l) => l.identifierId));
  const total = await db.report.count({ where: { caseId } });
  return {
    nodes: [
      ...[...reports].map(([id, reference]) => ({ id: `r${id}`, type: "report" as const, label: reference })),
      ...[...used].flatMap((id) => {
        const i = byId.get(id);
        return i
          ? [
              {
                id: `i${id}`,
                type: "identifier" as const,
                label: i.display,
                kind: i.kind,
                blocked: !!i.blockedReason,
                linking: i.linking,
              },
            ]
          : [];
      }),
    ],
    edges: links
      .filter((l) => byId.has(l.identifierId))
      .map((l) => ({ source: `r${l.reportId}`, target: `i${l.identifierId}`, type: "names" as const })),
    truncated: total > GRAPH_REPORT_LIMIT,
  };
}
