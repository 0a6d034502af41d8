import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";

/**
 * The review queue of suspected shared numbers (ADR 0011): each with the
 * reports naming it, the cases those are in (its groups, since a held number
 * links nothing), and a few sample reports — references, dates and scam types
 * only, never a victim's details. Needs read:case:any.
 */
export type SharedNumberFilter = "held" | "decided" | "released";

export interface SharedNumberRow {
  id: number;
  identifierId: number;
  display: string;
  phoneType: string | null;
  status: "held" | "official" | "scammer" | "released";
  heldAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  reports: number;
  /** Separate groups it tied together when it was held. */
  groupsWhenHeld: number;
  /** Cases its reports are in now, largest first (at most CASES_SHOWN), and how many in all. */
  cases: { number: string; reports: number }[];
  caseCount: number;
  samples: { reference: string; submittedAt: Date; scamType: string | null; caseNumber: string | null }[];
  /** Warning-list label, for official numbers. */
  label: string | null;
}

export const SHARED_NUMBERS_PAGE = 20;
const CASES_SHOWN = 8;
const SAMPLES = 5;

const SN = table("SharedNumber", "sn");
const I = table("Identifier", "i");
const RI = table("ReportIdentifier", "ri");
const R = table("Report", "r");
const C = table("Case", "c");
const U = table("User", "u");
const W = table("WarningListEntry", "w");

const STATUSES: Record<SharedNumberFilter, string[]> = {
  held: ["held"],
  decided: ["official", "scammer"],
  released: ["released"],
};

export async function listSharedNumbers(
  db: Db,
  ctx: ServiceContext,
  input: { filter: SharedNumberFilter; page: number },
): Promise<{ rows: SharedNumberRow[]; total: number; counts: Record<SharedNumberFilter, number> }> {
  assertCan(ctx.actor, "read:case:any");
  const page = Math.max(1, Math.floor(input.page) || 1);
  const statuses = STATUSES[input.filter];
  const base = await db.$queryRaw<
    {
      id: number;
      identifierId: number;
      display: string;
      phoneType: string | null;
      status: SharedNumberRow["status"];
      heldAt: Date;
      decidedAt: Date | null;
      decidedBy: string | null;
      groups: number;
      label: string | null;
      total: number;
    }[]
  >(Prisma.sql`
    SELECT ${SN.id} AS id, ${SN.identifierId} AS "identifierId", ${I.display} AS display, ${I.meta}->>'type' AS "phoneType",
           ${SN.status}::text AS status, ${SN.heldAt} AS "heldAt", ${SN.decidedAt} AS "decidedAt", ${U.name} AS "decidedBy",
           ${SN.groups} AS groups, ${W.label} AS label, (count(*) OVER ())::int AS total
    FROM ${SN}
    JOIN ${I} ON ${I.id} = ${SN.identifierId}
    LEFT JOIN ${U} ON ${U.id} = ${SN.decidedById}
    LEFT JOIN ${W} ON ${W.kind} = ${I.kind} AND ${W.match} = 'exact' AND ${W.value} = ${I.value}
    WHERE ${SN.status}::text = ANY(${statuses}::text[])
    ORDER BY ${SN.groups} DESC, ${SN.heldAt} DESC, ${SN.id}
    LIMIT ${SHARED_NUMBERS_PAGE}::int OFFSET ${(page - 1) * SHARED_NUMBERS_PAGE}::int`);
  const ids = base.map((b) => b.identifierId);
  const perCase = ids.length
    ? await db.$queryRaw<{ identifierId: number; number: string | null; n: number }[]>(Prisma.sql`
        SELECT ${RI.identifierId} AS "identifierId", ${C.number} AS number, count(*)::int AS n
        FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId} LEFT JOIN ${C} ON ${C.id} = ${R.caseId}
        WHERE ${RI.identifierId} = ANY(${ids}::int[])
        GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`)
    : [];
  const samples = ids.length
    ? await db.$queryRaw<
        {
          identifierId: number;
          reference: string;
          submittedAt: Date;
          scamType: string | null;
          caseNumber: string | null;
        }[]
      >(Prisma.sql`
        SELECT x.id AS "identifierId", s.reference, s."submittedAt", s."scamType", s."caseNumber"
        FROM unnest(${ids}::int[]) AS x(id)
        CROSS JOIN LATERAL (
          SELECT ${R.reference} AS reference, ${R.submittedAt} AS "submittedAt", ${R.scamType}::text AS "scamType",
                 ${C.number} AS "caseNumber"
          FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId} LEFT JOIN ${C} ON ${C.id} = ${R.caseId}
          WHERE ${RI.identifierId} = x.id
          ORDER BY ${R.submittedAt} DESC, ${R.id} DESC LIMIT ${SAMPLES}::int
        ) s`)
    : [];
  const countRows = await db.$queryRaw<{ status: string; n: number }[]>(Prisma.sql`
    SELECT ${SN.status}::text AS status, count(*)::int AS n FROM ${SN} GROUP BY 1`);
  const count = (f: SharedNumberFilter) =>
    countRows.filter((c) => STATUSES[f].includes(c.status)).reduce((a, c) => a + c.n, 0);
  const rows = base.map((b): SharedNumberRow => {
    const cases = perCase.filter((p) => p.identifierId === b.identifierId);
    return {
      id: b.id,
      identifierId: b.identifierId,
      display: b.display,
      phoneType: b.phoneType,
      status: b.status,
      heldAt: b.heldAt,
      decidedAt: b.decidedAt,
      decidedBy: b.decidedBy,
      reports: cases.reduce((a, c) => a + c.n, 0),
      groupsWhenHeld: b.groups,
      cases: cases
        .filter((c) => c.number !== null)
        .slice(0, CASES_SHOWN)
        .map((c) => ({ number: c.number!, reports: c.n })),
      caseCount: cases.filter((c) => c.number !== null).length,
      samples: samples.filter((s) => s.identifierId === b.identifierId).map(({ identifierId: _, ...s }) => s),
      label: b.status === "official" ? b.label : null,
    };
  });
  return {
    rows,
    total: base[0]?.total ?? 0,
    counts: { held: count("held"), decided: count("decided"), released: count("released") },
  };
}
