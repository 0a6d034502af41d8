import "server-only";
import { cache } from "react";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { Prisma, table } from "@/lib/db/sql";
import { parseCaseNumber } from "./shared";
import type { Tx } from "./store/types";

/**
 * A case's children are only ever reached through the case: every action and
 * view names the case (by the number the page shows; absorbed numbers resolve
 * to the case that absorbed them), and a report, decision, identifier or note
 * that does not belong to it is refused with NotFoundError (404), whatever its
 * id. These helpers are that rule, used inside the services' transactions.
 */
export interface CaseRef {
  caseId: number;
  number: string;
  /** The number asked for, when it was absorbed into this case by a merge. */
  via: string | null;
}

/**
 * A case by its number, also by a number it absorbed in a merge; null if none (or not a case number at all).
 * Remembered for the rest of a page's render (React `cache`, per client and number): the case page's
 * sections each load through the case; outside a render (actions, scripts) every call reads.
 */
export const resolveCaseNumber = cache(resolveCaseNumberUncached);

async function resolveCaseNumberUncached(tx: Tx, number: string): Promise<CaseRef | null> {
  const n = parseCaseNumber(number);
  if (!n) return null;
  // One raw statement: every case page and case action starts here.
  const rows = await tx.$queryRaw<{ id: number; number: string; alias: boolean }[]>(Prisma.sql`
    SELECT ${CA.id}, ${CA.number}, false AS alias FROM ${CA} WHERE ${CA.number} = ${n}
    UNION ALL
    SELECT ${CA.id}, ${CA.number}, true FROM ${AL} JOIN ${CA} ON ${CA.id} = ${AL.caseId} WHERE ${AL.number} = ${n}
    ORDER BY alias LIMIT 1`);
  const found = rows[0];
  return found ? { caseId: found.id, number: found.number, via: found.alias ? n : null } : null;
}

/** The case, or NotFoundError. */
export async function caseByNumber(tx: Tx, number: string): Promise<CaseRef> {
  const found = await resolveCaseNumber(tx, number);
  if (!found) throw new NotFoundError("case");
  return found;
}

/** Every report id belongs to the case, or NotFoundError (one answer for "no such report" and "another case's"). */
export async function assertReportsInCase(tx: Tx, caseId: number, reportIds: readonly number[]): Promise<void> {
  const ids = [...new Set(reportIds)];
  if (!ids.length) return;
  const found = await tx.report.count({ where: { id: { in: ids }, caseId } });
  if (found !== ids.length) throw new NotFoundError("report");
}

/** A report of the case by its reference, or NotFoundError. */
export async function reportInCase(tx: Tx, caseId: number, reference: string): Promise<number> {
  const r = await tx.report.findFirst({
    where: { reference: reference.trim().toUpperCase(), caseId },
    select: { id: true },
  });
  if (!r) throw new NotFoundError("report");
  return r.id;
}

const R = table("Report", "r");
const CA = table("Case", "c");
const AL = table("CaseAlias", "al");
const RI = table("ReportIdentifier", "ri");
const D = table("MatchDecision", "d");

/** An identifier named by a report of the case, or NotFoundError. */
export async function assertIdentifierInCase(tx: Tx, caseId: number, identifierId: number): Promise<void> {
  const found = await tx.$queryRaw<{ one: number }[]>(Prisma.sql`
    SELECT 1 AS one FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId}
    WHERE ${RI.identifierId} = ${identifierId} AND ${R.caseId} = ${caseId} LIMIT 1`);
  if (!found.length) throw new NotFoundError("identifier");
}

/**
 * Decisions "of" a case, as the case page lists them: they name one of its
 * reports, an identifier its reports name, or (merges) the case itself.
 * `d` is the MatchDecision alias.
 */
export function decisionsOfCase(caseId: number): Prisma.Sql {
  return Prisma.sql`(
    ${D.reportIds} && (SELECT array_agg(${R.id}) FROM ${R} WHERE ${R.caseId} = ${caseId})
    OR ${D.identifierId} IN (SELECT ${RI.identifierId} FROM ${RI} JOIN ${R} ON ${R.id} = ${RI.reportId} WHERE ${R.caseId} = ${caseId})
    OR (${D.data}->'cases') @> to_jsonb(${caseId}::int)
  )`;
}

/** A decision listed on the case's page, or NotFoundError. */
export async function assertDecisionOfCase(tx: Tx, caseId: number, decisionId: number): Promise<void> {
  const found = await tx.$queryRaw<{ one: number }[]>(Prisma.sql`
    SELECT 1 AS one FROM ${D} WHERE ${D.id} = ${decisionId} AND ${decisionsOfCase(caseId)} LIMIT 1`);
  if (!found.length) throw new NotFoundError("decision");
}

/**
 * The number a case is shown under now, for the page to return to after a
 * change (a merge may have absorbed the number the form was posted from).
 */
export async function currentNumber(db: Db, ctx: ServiceContext, input: { number: string }): Promise<string | null> {
  assertCan(ctx.actor, "read:case:any");
  return (await resolveCaseNumber(db, input.number))?.number ?? null;
}

export { D as decisionTable };
