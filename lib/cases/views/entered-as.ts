import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { ENTERED_AS } from "@/lib/matching";

/**
 * Identifiers the matcher read as another kind than the field the victim
 * typed them in ("entered as Other, read as phone number"). Only the report's
 * own observation (ReportIdentifier.meta) records that: another report may
 * have typed the same number in the right field.
 */

export interface ReadAs {
  identifierId: number;
  /** The kind it is stored as. */
  kind: string;
  display: string;
  /** The contact or payee kind the victim chose. */
  enteredAs: string;
}

const R = table("Report", "r");
const RI = table("ReportIdentifier", "ri");
const I = table("Identifier", "i");

/** Per report id, its identifiers read as another kind, in kind (enum: contacts first) and value order. */
export async function readAsOfReports(db: Db, reportIds: number[]): Promise<Map<number, ReadAs[]>> {
  const out = new Map<number, ReadAs[]>();
  if (reportIds.length === 0) return out;
  const rows = await db.$queryRaw<(ReadAs & { reportId: number })[]>(Prisma.sql`
    SELECT ${RI.reportId} AS "reportId", ${I.id} AS "identifierId", ${I.kind}::text AS kind, ${I.display} AS display,
           ${RI.meta}->>${ENTERED_AS} AS "enteredAs"
    FROM ${RI} JOIN ${I} ON ${I.id} = ${RI.identifierId}
    WHERE ${RI.reportId} = ANY(${reportIds}::int[]) AND ${RI.meta}->>${ENTERED_AS} IS NOT NULL
    ORDER BY ${RI.reportId}, ${I.kind}, ${I.value}`);
  for (const { reportId, ...r } of rows) {
    const list = out.get(reportId);
    if (list) list.push(r);
    else out.set(reportId, [r]);
  }
  return out;
}

export interface EnteredAsCount {
  /** The contact or payee kind the victims chose. */
  kind: string;
  /** Reports of the case that typed it so. */
  reports: number;
}

/** Per identifier id, how many of the case's reports typed it under each other kind. */
export async function enteredAsOfCase(db: Db, caseId: number): Promise<Map<number, EnteredAsCount[]>> {
  const rows = await db.$queryRaw<{ identifierId: number; kind: string; reports: number }[]>(Prisma.sql`
    SELECT ri."identifierId", ri.kind, count(*)::int AS reports
    FROM ${R}
    CROSS JOIN LATERAL (
      SELECT ${RI.identifierId} AS "identifierId", ${RI.meta}->>${ENTERED_AS} AS kind
      FROM ${RI} WHERE ${RI.reportId} = ${R.id} OFFSET 0
    ) ri
    WHERE ${R.caseId} = ${caseId} AND ri.kind IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`);
  const out = new Map<number, EnteredAsCount[]>();
  for (const { identifierId, ...r } of rows) {
    const list = out.get(identifierId);
    if (list) list.push(r);
    else out.set(identifierId, [r]);
  }
  return out;
}
