import "server-only";
import {
  compileWarningList,
  type CanonicalIdentifier,
  type IdentifierKind,
  type WarningListEntry,
  type WarningMatch,
} from "@/lib/matching";
import type { Tx } from "./types";

export async function loadWarningList(tx: Tx): Promise<WarningListEntry[]> {
  const rows = await tx.warningListEntry.findMany({ select: { kind: true, match: true, value: true, label: true } });
  return rows.map((r) => ({ kind: r.kind, match: r.match, value: r.value, label: r.label }));
}

/** Identifier → blocking reason, or null: warning-listed, never linkable, or marked "do not link". */
export type BlockCheck = (id: number, ident: CanonicalIdentifier, linkable: boolean) => string | null;

export async function blockChecker(tx: Tx): Promise<BlockCheck> {
  // One round trip for both lists: this runs for every report submitted.
  const rows = await tx.$queryRawUnsafe<
    {
      kind: IdentifierKind | null;
      match: WarningMatch | null;
      value: string | null;
      label: string | null;
      noLink: number | null;
    }[]
  >(
    `SELECT "kind"::text AS kind, "match"::text AS match, "value", "label", NULL::int AS "noLink" FROM "WarningListEntry"
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, "identifierId" FROM "MatchDecision" WHERE "type" = 'no_link_identifier' AND "revokedAt" IS NULL`,
  );
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
