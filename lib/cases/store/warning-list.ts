import "server-only";
import {
  compileWarningList,
  type CanonicalIdentifier,
  type IdentifierKind,
  type WarningListEntry,
  type WarningMatch,
} from "@/lib/matching";
import { Prisma, table } from "@/lib/db/sql";
import type { Tx } from "./types";

export async function loadWarningList(tx: Tx): Promise<WarningListEntry[]> {
  const rows = await tx.warningListEntry.findMany({ select: { kind: true, match: true, value: true, label: true } });
  return rows.map((r) => ({ kind: r.kind, match: r.match, value: r.value, label: r.label }));
}

/** Identifier → blocking reason, or null: warning-listed, never linkable, or marked "do not link". */
export type BlockCheck = (id: number, ident: CanonicalIdentifier, linkable: boolean) => string | null;

const W = table("WarningListEntry", "w");
const D = table("MatchDecision", "d");
const I = table("Identifier", "i");

export async function blockChecker(tx: Tx): Promise<BlockCheck> {
  // One round trip for both lists: this runs for every report submitted.
  const rows = await tx.$queryRaw<
    {
      kind: IdentifierKind | null;
      match: WarningMatch | null;
      value: string | null;
      label: string | null;
      noLink: number | null;
    }[]
  >(Prisma.sql`
    SELECT ${W.kind}::text AS kind, ${W.match}::text AS match, ${W.value} AS value, ${W.label} AS label, NULL::int AS "noLink" FROM ${W}
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, ${D.identifierId} FROM ${D} WHERE ${D.type} = 'no_link_identifier' AND ${D.revokedAt} IS NULL`);
  const listed = compileWarningList(
    rows.flatMap((r) =>
      r.kind && r.match && r.value !== null
        ? [{ kind: r.kind, match: r.match, value: r.value, label: r.label ?? "" }]
        : [],
    ),
  );
  const noLink = new Set(rows.flatMap((r) => (r.noLink === null ? [] : [r.noLink])));
  return (id, ident, linkable) => {
    if (noLink.has(id)) return "do-not-link";
    if (!linkable) return "unlinkable";
    const entry = listed(ident);
    return entry ? `warning-list:${entry.label ?? entry.value}` : null;
  };
}

/**
 * Identifier ids a warning-list entry covers (same rules as the matcher's list
 * check: exact value or prefix, and phones also by their national number), as SQL.
 */
function coveredBy(kind: string, match: string, value: string): Prisma.Sql {
  return match === "exact"
    ? Prisma.sql`(${I.kind}::text = ${kind} AND ${I.value} = ${value}) OR (${kind} = 'phone' AND ${I.meta}->>'phone' = ${value})`
    : Prisma.sql`(${I.kind}::text = ${kind} AND starts_with(${I.value}, ${value})) OR (${kind} = 'phone' AND starts_with(${I.meta}->>'phone', ${value}))`;
}

/** Reports naming identifiers a warning-list entry covers. */
export async function reportsCovered(tx: Tx, entry: { kind: string; match: string; value: string }): Promise<number[]> {
  const ri = table("ReportIdentifier", "ri");
  const rows = await tx.$queryRaw<{ reportId: number }[]>(Prisma.sql`
    SELECT DISTINCT ${ri.reportId} AS "reportId" FROM ${ri} JOIN ${I} ON ${I.id} = ${ri.identifierId}
    WHERE ${coveredBy(entry.kind, entry.match, entry.value)}`);
  return rows.map((r) => r.reportId);
}

/** Identifiers that never link, decided in SQL so millions of values never reach JavaScript. */
export const blockedIdentifiersSql = Prisma.sql`
  SELECT ${I.id} FROM ${I} WHERE NOT ${I.linkable}
  UNION
  SELECT ${I.id} FROM ${I} JOIN ${W} ON ${W.match} = 'exact'
    AND ((${W.kind} = ${I.kind} AND ${W.value} = ${I.value}) OR (${W.kind} = 'phone' AND ${I.meta}->>'phone' = ${W.value}))
  UNION
  SELECT ${I.id} FROM ${I} JOIN ${W} ON ${W.match} = 'prefix'
    AND ((${W.kind} = ${I.kind} AND starts_with(${I.value}, ${W.value})) OR (${W.kind} = 'phone' AND starts_with(${I.meta}->>'phone', ${W.value})))
  UNION
  SELECT ${D.identifierId} FROM ${D} WHERE ${D.type} = 'no_link_identifier' AND ${D.revokedAt} IS NULL AND ${D.identifierId} IS NOT NULL`;
