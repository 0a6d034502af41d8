import "server-only";
import type { Tx } from "./types";

/**
 * Recomputes the board's figures for these cases from their reports. Losses
 * are summed in CNY minor units; other currencies are shown per currency on
 * the case page.
 */
export async function refreshCaseStats(tx: Tx, caseIds: number[]): Promise<void> {
  for (let k = 0; k < caseIds.length; k += 5_000) {
    const ids = caseIds.slice(k, k + 5_000);
    await tx.$executeRawUnsafe(
      `WITH rs AS (
         SELECT "id", "caseId", "victimKey", "incidentDate", "submittedAt", "victimProvince", "scamType"
         FROM "Report" WHERE "caseId" = ANY($1::int[])
       ), plat AS (
         SELECT rs."caseId", array_agg(DISTINCT rp."platformId") AS ids
         FROM rs CROSS JOIN LATERAL (SELECT "platformId" FROM "ReportPlatform" WHERE "reportId" = rs."id") rp
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
           SELECT sum(pay."amountMinor") AS loss FROM "Payment" pay WHERE pay."reportId" = rs."id" AND pay."currency" = 'CNY'
         ) p ON true
         GROUP BY rs."caseId"
       )
       UPDATE "Case" c SET
         "reportCount" = s.n,
         "victimCount" = s.victims,
         "lossCnyMinor" = s.loss,
         "firstIncident" = s.first,
         "lastIncident" = s.last,
         "provinces" = s.provinces,
         "scamTypes" = s.types,
         "platformIds" = COALESCE(plat.ids, ARRAY[]::int[]),
         "updatedAt" = now()
       FROM s LEFT JOIN plat ON plat."caseId" = s."caseId"
       WHERE c."id" = s."caseId"`,
      ids,
    );
  }
}

/**
 * Adds newly joined reports to their cases' figures without rereading the
 * whole case (a ring of thousands gains a report per submission). A victim
 * counts as new only if no earlier report of the case has the same key.
 */
export async function addToCaseStats(tx: Tx, caseIds: number[], newReportIds: number[]): Promise<void> {
  if (!caseIds.length) return;
  await tx.$executeRawUnsafe(
    `WITH nr AS (
       SELECT "id", "caseId", "victimKey", "incidentDate", "submittedAt", "victimProvince", "scamType"
       FROM "Report" WHERE "id" = ANY($2::int[]) AND "caseId" = ANY($1::int[])
     ), s AS (
       SELECT nr."caseId",
              count(*)::int AS n,
              count(DISTINCT nr."victimKey") FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM "Report" o WHERE o."caseId" = nr."caseId" AND o."victimKey" = nr."victimKey" AND NOT (o."id" = ANY($2::int[]))
              ))::int AS victims,
              COALESCE(sum(p.loss), 0)::bigint AS loss,
              min(COALESCE(nr."incidentDate", nr."submittedAt"::date)) AS first,
              max(COALESCE(nr."incidentDate", nr."submittedAt"::date)) AS last,
              COALESCE(array_agg(DISTINCT nr."victimProvince") FILTER (WHERE nr."victimProvince" <> ''), ARRAY[]::text[]) AS provinces,
              array_agg(DISTINCT nr."scamType"::text) AS types
       FROM nr
       LEFT JOIN LATERAL (
         SELECT sum(pay."amountMinor") AS loss FROM "Payment" pay WHERE pay."reportId" = nr."id" AND pay."currency" = 'CNY'
       ) p ON true
       GROUP BY nr."caseId"
     ), pl AS (
       -- LATERAL keeps this an index lookup per new report; a plain join was
       -- planned as a scan of every report-platform row once the table grew.
       SELECT nr."caseId", array_agg(DISTINCT rp."platformId") AS arr
       FROM nr CROSS JOIN LATERAL (SELECT "platformId" FROM "ReportPlatform" WHERE "reportId" = nr."id") rp
       GROUP BY nr."caseId"
     )
     UPDATE "Case" c SET
       "reportCount" = c."reportCount" + s.n,
       "victimCount" = c."victimCount" + s.victims,
       "lossCnyMinor" = c."lossCnyMinor" + s.loss,
       "firstIncident" = LEAST(c."firstIncident", s.first),
       "lastIncident" = GREATEST(c."lastIncident", s.last),
       "provinces" = ARRAY(SELECT DISTINCT x FROM unnest(c."provinces" || s.provinces) AS x ORDER BY 1),
       "scamTypes" = ARRAY(SELECT DISTINCT x FROM unnest(c."scamTypes" || s.types) AS x ORDER BY 1),
       "platformIds" = ARRAY(SELECT DISTINCT x FROM unnest(c."platformIds" || COALESCE(pl.arr, ARRAY[]::int[])) AS x ORDER BY 1),
       "updatedAt" = now()
     FROM s LEFT JOIN pl ON pl."caseId" = s."caseId"
     WHERE c."id" = s."caseId"`,
    caseIds,
    newReportIds,
  );
}

/**
 * Folds absorbed cases' figures into the cases absorbing them, from the
 * figures themselves (no report is reread), before the absorbed rows go.
 * Victims are recounted through the (caseId, victimKey) index, since one
 * victim may have reported into both cases. Call after the reports moved.
 */
export async function mergeCaseStats(tx: Tx, moves: { from: number; into: number }[]): Promise<void> {
  if (!moves.length) return;
  await tx.$executeRawUnsafe(
    `WITH m AS (SELECT * FROM unnest($1::int[], $2::int[]) AS m(src, dst)),
     sums AS (
       SELECT m.dst, sum(a."reportCount")::int AS n, sum(a."lossCnyMinor")::bigint AS loss,
              min(a."firstIncident") AS first, max(a."lastIncident") AS last
       FROM m JOIN "Case" a ON a."id" = m.src GROUP BY m.dst
     ),
     prov AS (SELECT m.dst, array_agg(DISTINCT x) AS arr FROM m JOIN "Case" a ON a."id" = m.src, unnest(a."provinces") AS x GROUP BY m.dst),
     types AS (SELECT m.dst, array_agg(DISTINCT x) AS arr FROM m JOIN "Case" a ON a."id" = m.src, unnest(a."scamTypes") AS x GROUP BY m.dst),
     plats AS (SELECT m.dst, array_agg(DISTINCT x) AS arr FROM m JOIN "Case" a ON a."id" = m.src, unnest(a."platformIds") AS x GROUP BY m.dst)
     UPDATE "Case" c SET
       "reportCount" = c."reportCount" + sums.n,
       "lossCnyMinor" = c."lossCnyMinor" + sums.loss,
       "firstIncident" = LEAST(c."firstIncident", sums.first),
       "lastIncident" = GREATEST(c."lastIncident", sums.last),
       "provinces" = ARRAY(SELECT DISTINCT x FROM unnest(c."provinces" || COALESCE(prov.arr, ARRAY[]::text[])) AS x ORDER BY 1),
       "scamTypes" = ARRAY(SELECT DISTINCT x FROM unnest(c."scamTypes" || COALESCE(types.arr, ARRAY[]::text[])) AS x ORDER BY 1),
       "platformIds" = ARRAY(SELECT DISTINCT x FROM unnest(c."platformIds" || COALESCE(plats.arr, ARRAY[]::int[])) AS x ORDER BY 1),
       "victimCount" = (SELECT count(DISTINCT r."victimKey") FROM "Report" r WHERE r."caseId" = c."id"),
       "updatedAt" = now()
     FROM sums
     LEFT JOIN prov ON prov.dst = sums.dst
     LEFT JOIN types ON types.dst = sums.dst
     LEFT JOIN plats ON plats.dst = sums.dst
     WHERE c."id" = sums.dst`,
    moves.map((m) => m.from),
    moves.map((m) => m.into),
  );
}
