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

/**
 * Identifier → blocking reason, or null: warning-listed, never linkable,
 * marked "do not link", or held as a suspected shared number. `decidedLinking`
 * holds the numbers staff decided are the scammer's: the guard never holds them.
 */
export type BlockCheck = ((id: number, ident: CanonicalIdentifier, linkable: boolean) => string | null) & {
  decidedLinking: ReadonlySet<number>;
};

const W = table("WarningListEntry", "w");
const D = table("MatchDecision", "d");
const I = table("Identifier", "i");
const SN = table("SharedNumber", "sn");

export async function blockChecker(tx: Tx): Promise<BlockCheck> {
  // One round trip for every list: this runs for every report submitted.
  const rows = await tx.$queryRaw<
    {
      kind: IdentifierKind | null;
      match: WarningMatch | null;
      value: string | null;
      label: string | null;
      noLink: number | null;
      held: number | null;
      linking: number | null;
    }[]
  >(Prisma.sql`
    SELECT ${W.kind}::text AS kind, ${W.match}::text AS match, ${W.value} AS value, ${W.label} AS label,
           NULL::int AS "noLink", NULL::int AS held, NULL::int AS linking FROM ${W}
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, ${D.identifierId}, NULL, NULL FROM ${D} WHERE ${D.type} = 'no_link_identifier' AND ${D.revokedAt} IS NULL
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, NULL, ${D.identifierId} FROM ${D} WHERE ${D.type} = 'link_identifier' AND ${D.revokedAt} IS NULL
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, ${SN.identifierId}, NULL FROM ${SN} WHERE ${SN.status} = 'held'`);
  const listed = compileWarningList(
    rows.flatMap((r) =>
      r.kind && r.match && r.value !== null
        ? [{ kind: r.kind, match: r.match, value: r.value, label: r.label ?? "" }]
        : [],
    ),
  );
  const ids = (pick: (r: (typeof rows)[number]) => number | null) =>
    new Set(rows.flatMap((r) => (pick(r) === null ? [] : [pick(r)!])));
  const noLink = ids((r) => r.noLink);
  const held = ids((r) => r.held);
  const decidedLinking = ids((r) => r.linking);
  const check = (id: number, ident: CanonicalIdentifier, linkable: boolean) => {
    if (noLink.has(id)) return "do-not-link";
    if (!linkable) return "unlinkable";
    const entry = listed(ident);
    if (entry) return `warning-list:${entry.label ?? entry.value}`;
    return held.has(id) && !decidedLinking.has(id) ? "shared-number" : null;
  };
  return Object.assign(check, { decidedLinking });
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

/** Numbers staff decided are the scammer's: the guard never holds them. */
export const decidedLinkingSql = Prisma.sql`
  SELECT ${D.identifierId} FROM ${D} WHERE ${D.type} = 'link_identifier' AND ${D.revokedAt} IS NULL AND ${D.identifierId} IS NOT NULL`;
