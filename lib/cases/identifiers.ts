import "server-only";
import { bridgesOf, extractIdentifiers, isLinkable, type CanonicalIdentifier, type ReportLike } from "@/lib/matching";
import type { Tx } from "./types";

export interface ReportIdentifiers {
  reportId: number;
  identifiers: CanonicalIdentifier[];
}

/** What the matcher reads from a stored report, in its own shape. */
export function identifiersOf(report: ReportLike): CanonicalIdentifier[] {
  return extractIdentifiers(report);
}

const keyOf = (kind: string, value: string) => `${kind}\u0000${value}`;

/**
 * Stores each report's canonical identifiers: Identifier rows (one per kind and
 * value), the report's observation of each (holder name and bank as given),
 * and bridge keys. Returns identifier ids by kind+value. Set-based SQL so an
 * import batch costs a handful of statements.
 */
export async function storeIdentifiers(tx: Tx, batch: ReportIdentifiers[]): Promise<Map<string, number>> {
  const idOf = await upsertIdentifiers(tx, batch);
  await linkIdentifiers(tx, batch, idOf);
  return idOf;
}

/** Identifier rows only (they do not need the reports to exist yet). */
export async function upsertIdentifiers(tx: Tx, batch: ReportIdentifiers[]): Promise<Map<string, number>> {
  const unique = new Map<string, CanonicalIdentifier>();
  for (const r of batch)
    for (const id of r.identifiers) if (!unique.has(keyOf(id.kind, id.value))) unique.set(keyOf(id.kind, id.value), id);
  if (unique.size === 0) return new Map();
  // Sorted so concurrent transactions take the unique-index locks in one order.
  const ids = [...unique.values()].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  // One round trip: insert what is new, then read back every id. The final
  // SELECT cannot see the CTE's own inserts (same snapshot), hence the UNION.
  const rows = await tx.$queryRawUnsafe<{ id: number; kind: string; value: string }[]>(
    `WITH input AS (
       SELECT k::"IdentifierKind" AS kind, v AS value, d, m, l
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS t(k, v, d, m, l)
     ),
     ins AS (
       INSERT INTO "Identifier" ("kind", "value", "display", "meta", "linkable")
       SELECT kind, value, d, m::jsonb, l FROM input
       ON CONFLICT ("kind", "value") DO NOTHING
       RETURNING "id", "kind", "value"
     )
     SELECT "id", "kind"::text AS kind, "value" FROM ins
     UNION ALL
     SELECT i."id", i."kind"::text, i."value" FROM "Identifier" i JOIN input USING ("kind", "value")`,
    ids.map((i) => i.kind),
    ids.map((i) => i.value),
    ids.map((i) => i.display),
    ids.map((i) => JSON.stringify(i.meta)),
    ids.map((i) => isLinkable(i)),
  );
  const idOf = new Map(rows.map((r) => [keyOf(r.kind, r.value), r.id]));
  // Callers hold the matching locks, so a row another transaction inserted is
  // committed before we start; this re-read only guards against a caller that did not.
  const missing = ids.filter((i) => !idOf.has(keyOf(i.kind, i.value)));
  if (missing.length) {
    const again = await tx.$queryRawUnsafe<{ id: number; kind: string; value: string }[]>(
      `SELECT i."id", i."kind"::text AS kind, i."value" FROM "Identifier" i
       JOIN unnest($1::text[], $2::text[]) AS t(k, v) ON i."kind" = t.k::"IdentifierKind" AND i."value" = t.v`,
      missing.map((i) => i.kind),
      missing.map((i) => i.value),
    );
    for (const r of again) idOf.set(keyOf(r.kind, r.value), r.id);
  }

  return idOf;
}

/** The reports' observations and bridge keys; the reports must exist. */
export async function linkIdentifiers(tx: Tx, batch: ReportIdentifiers[], idOf: Map<string, number>): Promise<void> {
  const ri = { report: [] as number[], ident: [] as number[], meta: [] as string[] };
  const br = { report: [] as number[], ident: [] as number[], key: [] as string[], role: [] as string[] };
  const sig = new Map<string, { key: string; ident: number; role: string; meta: string; signature: string }>();
  for (const r of batch) {
    for (const id of r.identifiers) {
      const identifierId = idOf.get(keyOf(id.kind, id.value))!;
      ri.report.push(r.reportId);
      ri.ident.push(identifierId);
      ri.meta.push(JSON.stringify(id.meta));
      for (const b of bridgesOf(id)) {
        br.report.push(r.reportId);
        br.ident.push(identifierId);
        br.key.push(b.key);
        br.role.push(b.role);
        const signature = bridgeSignature(id);
        sig.set(`${b.key}\u0000${identifierId}\u0000${signature}`, {
          key: b.key,
          ident: identifierId,
          role: b.role,
          meta: JSON.stringify(id.meta),
          signature,
        });
      }
    }
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "ReportIdentifier" ("reportId", "identifierId", "meta")
     SELECT * FROM unnest($1::int[], $2::int[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
    ri.report,
    ri.ident,
    ri.meta,
  );
  if (br.key.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "ReportBridge" ("reportId", "identifierId", "key", "role")
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      br.report,
      br.ident,
      br.key,
      br.role,
    );
    const sigs = [...sig.values()];
    await tx.$executeRawUnsafe(
      `INSERT INTO "BridgeSignature" ("key", "identifierId", "role", "meta", "signature")
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::text[]) ON CONFLICT DO NOTHING`,
      sigs.map((x) => x.key),
      sigs.map((x) => x.ident),
      sigs.map((x) => x.role),
      sigs.map((x) => x.meta),
      sigs.map((x) => x.signature),
    );
  }
}

/** What partial-account bridging compares besides the key (see canBridge): stated bank and shown prefix. */
export function bridgeSignature(id: CanonicalIdentifier): string {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return `${s(id.meta.statedBank)}|${s(id.meta.prefix)}`;
}
