import "server-only";
import { Prisma, table } from "@/lib/db/sql";
import type { Tx } from "./types";

const C = table("Case", "c");
const R = table("Report");
const P = table("Payment", "pay");
const RP = table("ReportPlatform");
const O = table("Report", "o");

/** The columns of Report the figures are made of, under fixed local names. */
const figureColumns = Prisma.sql`${R.id} AS "id", ${R.caseId} AS "caseId", ${R.victimKey} AS "victimKey",
  ${R.incidentDate} AS "incidentDate", ${R.submittedAt} AS "submittedAt", ${R.victimProvince} AS "victimProvince",
  ${R.scamType} AS "scamType"`;

/**
 * Recomputes the board's figures for these cases from their reports. Losses
 * are summed in CNY minor units; other currencies are shown per currency on
 * the case page.
 */
export async function refreshCaseStats(tx: Tx, caseIds: number[]): Promise<void> {
  const $ = C.$;
  for (let k = 0; k < caseIds.length; k += 5_000) {
    const ids = caseIds.slice(k, k + 5_000);
    await tx.$executeRaw(Prisma.sql`
      WITH rs AS (
        SELECT ${figureColumns} FROM ${R} WHERE ${R.caseId} = ANY(${ids}::int[])
      ), plat AS (
        SELECT rs."caseId", array_agg(DISTINCT rp.pid) AS ids
        FROM rs CROSS JOIN LATERAL (SELECT ${RP.platformId} AS pid FROM ${RP} WHERE ${RP.reportId} = rs."id") rp
        GROUP BY rs."caseId"
      ), s AS (
        SELECT rs."caseId",
               count(*)::int AS n,
               count(DISTINCT rs."victimKey")::int AS victims,
               COALESCE(sum(p.loss), 0)::bigint AS loss,
               min(COALESCE(rs."incidentDate", rs."submittedAt"::date)) AS first,
               max(COALESCE(rs."incidentDate", rs."submittedAt"::date)) AS last,
               COALESCE(array_agg(DISTINCT rs."victimProvince") FILTER (WHERE rs."victimProvince" <> ''), ARRAY[]::text[]) AS provinces,
               array_agg(DISTINCT rs."scamType"::text) AS types
        FROM rs
        LEFT JOIN LATERAL (
          SELECT sum(${P.amountMinor}) AS loss FROM ${P} WHERE ${P.reportId} = rs."id" AND ${P.currency} = 'CNY'
        ) p ON true
        GROUP BY rs."caseId"
      )
      UPDATE ${C} SET
        ${$.reportCount} = s.n,
        ${$.victimCount} = s.victims,
        ${$.lossCnyMinor} = s.loss,
        ${$.firstIncident} = s.first,
        ${$.lastIncident} = s.last,
        ${$.provinces} = s.provinces,
        ${$.scamTypes} = s.types,
        ${$.platformIds} = COALESCE(plat.ids, ARRAY[]::int[]),
        ${$.updatedAt} = now()
      FROM s LEFT JOIN plat ON plat."caseId" = s."caseId"
      WHERE ${C.id} = s."caseId"`);
  }
}

/**
 * Adds newly joined reports to their cases' figures without rereading the
 * whole case (a ring of thousands gains a report per submission). A victim
 * counts as new only if no earlier report of the case has the same key.
 */
export async function addToCaseStats(tx: Tx, caseIds: number[], newReportIds: number[]): Promise<void> {
  if (!caseIds.length) return;
  const $ = C.$;
  await tx.$executeRaw(Prisma.sql`
    WITH nr AS (
      SELECT ${figureColumns} FROM ${R} WHERE ${R.id} = ANY(${newReportIds}::int[]) AND ${R.caseId} = ANY(${caseIds}::int[])
    ), s AS (
      SELECT nr."caseId",
             count(*)::int AS n,
             count(DISTINCT nr."victimKey") FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM ${O} WHERE ${O.caseId} = nr."caseId" AND ${O.victimKey} = nr."victimKey" AND NOT (${O.id} = ANY(${newReportIds}::int[]))
             ))::int AS victims,
             COALESCE(sum(p.loss), 0)::bigint AS loss,
             min(COALESCE(nr."incidentDate", nr."submittedAt"::date)) AS first,
             max(COALESCE(nr."incidentDate", nr."submittedAt"::date)) AS last,
             COALESCE(array_agg(DISTINCT nr."victimProvince") FILTER (WHERE nr."victimProvince" <> ''), ARRAY[]::text[]) AS provinces,
             array_agg(DISTINCT nr."scamType"::text) AS types
      FROM nr
      LEFT JOIN LATERAL (
        SELECT sum(${P.amountMinor}) AS loss FROM ${P} WHERE ${P.reportId} = nr."id" AND ${P.currency} = 'CNY'
      ) p ON true
      GROUP BY nr."caseId"
    ), pl AS (
      -- LATERAL keeps this an index lookup per new report; a plain join was
      -- planned as a scan of every report-platform row once the table grew.
      SELECT nr."caseId", array_agg(DISTINCT rp.pid) AS arr
      FROM nr CROSS JOIN LATERAL (SELECT ${RP.platformId} AS pid FROM ${RP} WHERE ${RP.reportId} = nr."id") rp
      GROUP BY nr."caseId"
    )
    UPDATE ${C} SET
      ${$.reportCount} = ${C.reportCount} + s.n,
      ${$.victimCount} = ${C.victimCount} + s.victims,
      ${$.lossCnyMinor} = ${C.lossCnyMinor} + s.loss,
      ${$.firstIncident} = LEAST(${C.firstIncident}, s.first),
      ${$.lastIncident} = GREATEST(${C.lastIncident}, s.last),
      ${$.provinces} = ARRAY(SELECT DISTINCT x FROM unnest(${C.provinces} || s.provinces) AS x ORDER BY 1),
      ${$.scamTypes} = ARRAY(SELECT DISTINCT x FROM unnest(${C.scamTypes} || s.types) AS x ORDER BY 1),
      ${$.platformIds} = ARRAY(SELECT DISTINCT x FROM unnest(${C.platformIds} || COALESCE(pl.arr, ARRAY[]::int[])) AS x ORDER BY 1),
      ${$.updatedAt} = now()
    FROM s LEFT JOIN pl ON pl."caseId" = s."caseId"
    WHERE ${C.id} = s."caseId"`);
}

/**
 * Folds absorbed cases' figures into the cases absorbing them, from the
 * figures themselves (no report is reread), before the absorbed rows go.
 * Victims are recounted through the (caseId, victimKey) index, since one
 * victim may have reported into both cases. Call after the reports moved.
 */
export async function mergeCaseStats(tx: Tx, moves: { from: number; into: number }[]): Promise<void> {
  if (!moves.length) return;
  const A = table("Case", "a");
  const V = table("Report", "v");
  const $ = C.$;
  await tx.$executeRaw(Prisma.sql`
    WITH m AS (SELECT * FROM unnest(${moves.map((m) => m.from)}::int[], ${moves.map((m) => m.into)}::int[]) AS m(src, dst)),
    sums AS (
      SELECT m.dst, sum(${A.reportCount})::int AS n, sum(${A.lossCnyMinor})::bigint AS loss,
             min(${A.firstIncident}) AS first, max(${A.lastIncident}) AS last
      FROM m JOIN ${A} ON ${A.id} = m.src GROUP BY m.dst
    ),
    prov AS (SELECT m.dst, array_agg(DISTINCT x) AS arr FROM m JOIN ${A} ON ${A.id} = m.src, unnest(${A.provinces}) AS x GROUP BY m.dst),
    types AS (SELECT m.dst, array_agg(DISTINCT x) AS arr FROM m JOIN ${A} ON ${A.id} = m.src, unnest(${A.scamTypes}) AS x GROUP BY m.dst),
    plats AS (SELECT m.dst, array_agg(DISTINCT x) AS arr FROM m JOIN ${A} ON ${A.id} = m.src, unnest(${A.platformIds}) AS x GROUP BY m.dst)
    UPDATE ${C} SET
      ${$.reportCount} = ${C.reportCount} + sums.n,
      ${$.lossCnyMinor} = ${C.lossCnyMinor} + sums.loss,
      ${$.firstIncident} = LEAST(${C.firstIncident}, sums.first),
      ${$.lastIncident} = GREATEST(${C.lastIncident}, sums.last),
      ${$.provinces} = ARRAY(SELECT DISTINCT x FROM unnest(${C.provinces} || COALESCE(prov.arr, ARRAY[]::text[])) AS x ORDER BY 1),
      ${$.scamTypes} = ARRAY(SELECT DISTINCT x FROM unnest(${C.scamTypes} || COALESCE(types.arr, ARRAY[]::text[])) AS x ORDER BY 1),
      ${$.platformIds} = ARRAY(SELECT DISTINCT x FROM unnest(${C.platformIds} || COALESCE(plats.arr, ARRAY[]::int[])) AS x ORDER BY 1),
      ${$.victimCount} = (SELECT count(DISTINCT ${V.victimKey}) FROM ${V} WHERE ${V.caseId} = ${C.id}),
      ${$.updatedAt} = now()
    FROM sums
    LEFT JOIN prov ON prov.dst = sums.dst
    LEFT JOIN types ON types.dst = sums.dst
    LEFT JOIN plats ON plats.dst = sums.dst
    WHERE ${C.id} = sums.dst`);
}
