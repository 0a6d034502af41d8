import "server-only";
import type { Db } from "@/lib/db";
import { assertCan, can, type ServiceContext } from "@/lib/auth/permissions";
import { caseByNumber } from "@/lib/cases";
import { Prisma, table } from "@/lib/db/sql";

const A = table("ReportAddition", "a");
const R = table("Report", "r");
const RC = table("ReportContact", "rc");
const P = table("Payment", "p");
const RP = table("ReportPlatform", "rp");
const PL = table("Platform", "pl");
const E = table("Evidence", "e");

type AdditionPayment = { currency: string; payeeValue: string; payeeName: string };

/** One addition as the case page shows it under its report, with its time. */
export interface AdditionView {
  id: number;
  at: Date;
  contacts: { kind: string; value: string }[];
  payments: (AdditionPayment & { amountMinor: bigint })[];
  platforms: { name: string; role: string }[];
  /** Only with read:evidence:any, as for the report's own evidence. */
  evidence: { id: string; originalName: string }[];
}

/**
 * What victims added later to these reports of the case, oldest first (the
 * case page's report entries). The same rules as the report itself
 * (lib/cases/views/detail.ts): numbers, payees and platforms with
 * read:case:any, evidence only with read:evidence:any. Additions hold no
 * victim's personal details. Reports of other cases are ignored.
 */
export async function additionsOfReports(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string; reportIds: number[] },
): Promise<Map<number, AdditionView[]>> {
  assertCan(ctx.actor, "read:case:any");
  const evidenceVisible = can(ctx.actor, "read:evidence:any");
  const out = new Map<number, AdditionView[]>();
  if (!input.reportIds.length) return out;
  const ref = await caseByNumber(db, input.caseNumber);
  const evidence = evidenceVisible
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', ${E.id}, 'originalName', ${E.originalName})
          ORDER BY ${E.createdAt}, ${E.id}), '[]') FROM ${E} WHERE ${E.additionId} = ${A.id})`
    : Prisma.sql`'[]'::json`;
  // One statement (the query builder issued five and compiled the call each time); amounts as text,
  // not through a JSON number.
  const rows = await db.$queryRaw<
    (Omit<AdditionView, "payments"> & { reportId: number; payments: (AdditionPayment & { amountMinor: string })[] })[]
  >(Prisma.sql`
    SELECT ${A.id}, ${A.reportId}, ${A.createdAt} AS at,
           (SELECT coalesce(json_agg(json_build_object('kind', ${RC.kind}, 'value', ${RC.rawValue})
              ORDER BY ${RC.position}, ${RC.id}), '[]') FROM ${RC} WHERE ${RC.additionId} = ${A.id}) AS contacts,
           (SELECT coalesce(json_agg(json_build_object('amountMinor', ${P.amountMinor}::text, 'currency', ${P.currency},
              'payeeValue', ${P.payeeValue}, 'payeeName', ${P.payeeName}) ORDER BY ${P.position}, ${P.id}), '[]')
              FROM ${P} WHERE ${P.additionId} = ${A.id}) AS payments,
           (SELECT coalesce(json_agg(json_build_object('name', ${PL.name}, 'role', ${RP.role}) ORDER BY ${RP.id}), '[]')
              FROM ${RP} JOIN ${PL} ON ${PL.id} = ${RP.platformId} WHERE ${RP.additionId} = ${A.id}) AS platforms,
           ${evidence} AS evidence
    FROM ${A} JOIN ${R} ON ${R.id} = ${A.reportId}
    WHERE ${A.reportId} = ANY(${input.reportIds}::int[]) AND ${R.caseId} = ${ref.caseId}
    ORDER BY ${A.createdAt}, ${A.id}`);
  for (const { reportId, ...r } of rows) {
    const list = out.get(reportId) ?? [];
    list.push({ ...r, payments: r.payments.map((p) => ({ ...p, amountMinor: BigInt(p.amountMinor) })) });
    out.set(reportId, list);
  }
  return out;
}
