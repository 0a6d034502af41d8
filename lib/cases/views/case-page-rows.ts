import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import type { CaseReport } from "./detail";

/*
 * The case page's two widest reads as one raw statement each: the case head
 * (case, assignee, aliases, notes, platforms) and a page of reports with
 * their contacts, payments, platforms and evidence. Through the query builder
 * they were 6 and 7 statements, and Prisma compiled each call anew (~5 ms of
 * CPU apiece on every case page). Child rows come back as JSON: amounts as
 * text (a JSON number would pass through a float) and times as timestamptz
 * (`AT TIME ZONE 'UTC'`: the columns hold UTC without a zone).
 */

const C = table("Case", "c");
const U = table("User", "u");
const A = table("CaseAlias", "a");
const N = table("CaseNote", "n");
const NU = table("User", "nu");
const PL = table("Platform", "pl");
const R = table("Report", "r");
const RC = table("ReportContact", "rc");
const P = table("Payment", "p");
const RP = table("ReportPlatform", "rp");
const E = table("Evidence", "e");

export interface CaseHeadRow {
  id: number;
  number: string;
  status: string;
  reportCount: number;
  victimCount: number;
  firstIncident: Date | null;
  lastIncident: Date | null;
  provinces: string[];
  frozenMinor: bigint;
  recoveredMinor: bigint;
  requestsDueAt: Date | null;
  assignee: { id: string; name: string; email: string } | null;
  aliases: string[];
  notes: { id: number; body: string; at: Date; author: string | null }[];
  platforms: string[];
}

/** The case's head; notes only when `withNotes` (they are not even read otherwise). */
export async function caseHeadRow(db: Db, caseId: number, withNotes: boolean): Promise<CaseHeadRow | null> {
  const notes = withNotes
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_object(
          'id', ${N.id}, 'body', ${N.body}, 'at', ${N.createdAt} AT TIME ZONE 'UTC',
          'author', COALESCE(NULLIF(${NU.name}, ''), ${NU.email})
        ) ORDER BY ${N.createdAt}, ${N.id}), '[]')
        FROM ${N} LEFT JOIN ${NU} ON ${NU.id} = ${N.authorId} WHERE ${N.caseId} = ${C.id})`
    : Prisma.sql`'[]'::json`;
  const rows = await db.$queryRaw<
    (Omit<CaseHeadRow, "assignee" | "notes"> & {
      assigneeId: string | null;
      assigneeName: string | null;
      assigneeEmail: string | null;
      notes: { id: number; body: string; at: string; author: string | null }[];
    })[]
  >(Prisma.sql`
    SELECT ${C.id}, ${C.number}, ${C.status}::text AS status, ${C.reportCount}, ${C.victimCount},
           ${C.firstIncident}, ${C.lastIncident}, ${C.provinces}, ${C.frozenMinor}, ${C.recoveredMinor},
           ${C.requestsDueAt}, ${U.id} AS "assigneeId", ${U.name} AS "assigneeName", ${U.email} AS "assigneeEmail",
           ARRAY(SELECT ${A.number} FROM ${A} WHERE ${A.caseId} = ${C.id} ORDER BY ${A.number}) AS aliases,
           ${notes} AS notes,
           ARRAY(SELECT ${PL.name} FROM ${PL} WHERE ${PL.id} = ANY(${C.platformIds}) ORDER BY ${PL.name}) AS platforms
    FROM ${C} LEFT JOIN ${U} ON ${U.id} = ${C.assigneeId}
    WHERE ${C.id} = ${caseId}`);
  const r = rows[0];
  if (!r) return null;
  const { assigneeId, assigneeName, assigneeEmail, ...rest } = r;
  return {
    ...rest,
    assignee: assigneeId ? { id: assigneeId, name: assigneeName ?? "", email: assigneeEmail ?? "" } : null,
    notes: r.notes.map((n) => ({ ...n, at: new Date(n.at) })),
  };
}

/** A report as read for the case page; its child rows are typed as CaseReport's. */
export interface ReportRow extends Pick<CaseReport, "contacts" | "payments" | "platforms" | "evidence"> {
  id: number;
  reference: string;
  externalId: string | null;
  source: string;
  submittedAt: Date;
  incidentDate: Date | null;
  scamType: string;
  victimProvince: string;
  /** Only read with `pii`. */
  victimName?: string;
  victimPhone?: string;
  victimCity?: string;
  narrative?: string;
}

type JsonPayment = Omit<ReportRow["payments"][number], "amountMinor" | "paidAt"> & {
  amountMinor: string;
  paidAt: string | null;
};

/**
 * `limit` reports of the case after report id `after` (0: from the first), in
 * id order. Victims' details only with `pii`, evidence only with `evidence`.
 */
export async function reportPageRows(
  db: Db,
  input: { caseId: number; after: number; limit: number; pii: boolean; evidence: boolean },
): Promise<ReportRow[]> {
  const pii = input.pii
    ? Prisma.sql`${R.victimName}, ${R.victimPhone}, ${R.victimCity}, ${R.narrative},`
    : Prisma.empty;
  const evidence = input.evidence
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_object(
          'id', ${E.id}, 'originalName', ${E.originalName}, 'mime', ${E.mime}, 'size', ${E.size}
        ) ORDER BY ${E.createdAt}, ${E.id}), '[]') FROM ${E} WHERE ${E.reportId} = ${R.id})`
    : Prisma.sql`'[]'::json`;
  const rows = await db.$queryRaw<(Omit<ReportRow, "payments"> & { payments: JsonPayment[] })[]>(Prisma.sql`
    SELECT ${R.id}, ${R.reference}, ${R.externalId}, ${R.source}::text AS source, ${R.submittedAt},
           ${R.incidentDate}, ${R.scamType}::text AS "scamType", ${R.victimProvince}, ${pii}
           (SELECT coalesce(json_agg(json_build_object('kind', ${RC.kind}, 'value', ${RC.rawValue})
              ORDER BY ${RC.position}, ${RC.id}), '[]') FROM ${RC} WHERE ${RC.reportId} = ${R.id}) AS contacts,
           (SELECT coalesce(json_agg(json_build_object(
              'amountMinor', ${P.amountMinor}::text, 'currency', ${P.currency},
              'paidAt', ${P.paidAt} AT TIME ZONE 'UTC', 'payeeKind', ${P.payeeKind}, 'payeeValue', ${P.payeeValue},
              'payeeName', ${P.payeeName}, 'payeeBank', ${P.payeeBank}
            ) ORDER BY ${P.position}, ${P.id}), '[]') FROM ${P} WHERE ${P.reportId} = ${R.id}) AS payments,
           (SELECT coalesce(json_agg(json_build_object('name', ${PL.name}, 'role', ${RP.role}) ORDER BY ${RP.id}), '[]')
              FROM ${RP} JOIN ${PL} ON ${PL.id} = ${RP.platformId} WHERE ${RP.reportId} = ${R.id}) AS platforms,
           ${evidence} AS evidence
    FROM ${R}
    WHERE ${R.caseId} = ${input.caseId} AND ${R.id} > ${input.after}
    ORDER BY ${R.id} LIMIT ${input.limit}`);
  return rows.map((r) => ({
    ...r,
    payments: r.payments.map((p) => ({
      ...p,
      amountMinor: BigInt(p.amountMinor),
      paidAt: p.paidAt === null ? null : new Date(p.paidAt),
    })),
  }));
}
