import "server-only";
import {
  bridgesOf,
  extractIdentifiers,
  identityMeta,
  isLinkable,
  type CanonicalIdentifier,
  type ReportLike,
} from "@/lib/matching";
import { pgEnum, Prisma, table } from "@/lib/db/sql";
import type { Tx } from "./types";

export interface ReportIdentifiers {
  reportId: number;
  identifiers: CanonicalIdentifier[];
}

/** What the matcher reads from a stored report, in its own shape. */
export function identifiersOf(report: ReportLike): CanonicalIdentifier[] {
  return extractIdentifiers(report);
}

export const identifierKey = (kind: string, value: string) => `${kind}\u0000${value}`;

const ident = table("Identifier", "i");
const reportIdentifier = table("ReportIdentifier");
const reportBridge = table("ReportBridge");
const signatures = table("BridgeSignature");

/**
 * Stores each report's canonical identifiers: Identifier rows (one per kind and
 * value, with the meta of the first report that named it, minus what only that
 * report said: enteredAs), the report's observation of each (holder name and
 * bank as given, the kind it was typed under when it was read as another:
 * ReportIdentifier.meta), and bridge keys. Returns identifier ids by kind+value. Set-based SQL so an
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
    for (const id of r.identifiers)
      if (!unique.has(identifierKey(id.kind, id.value))) unique.set(identifierKey(id.kind, id.value), id);
  if (unique.size === 0) return new Map();
  // Sorted so concurrent transactions take the unique-index locks in one order.
  const ids = [...unique.values()].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const kindType = pgEnum("IdentifierKind");
  const $ = ident.$;
  // One round trip: insert what is new, then read back every id. The final
  // SELECT cannot see the CTE's own inserts (same snapshot), hence the UNION.
  const rows = await tx.$queryRaw<{ id: number; kind: string; value: string }[]>(Prisma.sql`
    WITH input AS (
      SELECT k::${kindType} AS kind, v AS value, d, m, l
      FROM unnest(${ids.map((i) => i.kind)}::text[], ${ids.map((i) => i.value)}::text[], ${ids.map((i) => i.display)}::text[],
                  ${ids.map((i) => JSON.stringify(identityMeta(i.meta)))}::text[], ${ids.map((i) => isLinkable(i))}::boolean[]) AS t(k, v, d, m, l)
    ),
    ins AS (
      INSERT INTO ${ident.$table} (${$.kind}, ${$.value}, ${$.display}, ${$.meta}, ${$.linkable})
      SELECT kind, value, d, m::jsonb, l FROM input
      ON CONFLICT (${$.kind}, ${$.value}) DO NOTHING
      RETURNING ${$.id}, ${$.kind}, ${$.value}
    )
    SELECT ${$.id}, ${$.kind}::text AS kind, ${$.value} FROM ins
    UNION ALL
    SELECT ${ident.id}, ${ident.kind}::text, ${ident.value} FROM ${ident} JOIN input ON ${ident.kind} = input.kind AND ${ident.value} = input.value`);
  const idOf = new Map(rows.map((r) => [identifierKey(r.kind, r.value), r.id]));
  // Callers hold the matching locks, so a row another transaction inserted is
  // committed before we start; this re-read only guards against a caller that did not.
  const missing = ids.filter((i) => !idOf.has(identifierKey(i.kind, i.value)));
  if (missing.length) {
    const again = await tx.$queryRaw<{ id: number; kind: string; value: string }[]>(Prisma.sql`
      SELECT ${ident.id}, ${ident.kind}::text AS kind, ${ident.value} FROM ${ident}
      JOIN unnest(${missing.map((i) => i.kind)}::text[], ${missing.map((i) => i.value)}::text[]) AS t(k, v)
        ON ${ident.kind} = t.k::${kindType} AND ${ident.value} = t.v`);
    for (const r of again) idOf.set(identifierKey(r.kind, r.value), r.id);
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
      const identifierId = idOf.get(identifierKey(id.kind, id.value))!;
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
          meta: JSON.stringify(identityMeta(id.meta)),
          signature,
        });
      }
    }
  }
  const ri$ = reportIdentifier.$;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO ${reportIdentifier} (${ri$.reportId}, ${ri$.identifierId}, ${ri$.meta})
    SELECT * FROM unnest(${ri.report}::int[], ${ri.ident}::int[], ${ri.meta}::jsonb[]) ON CONFLICT DO NOTHING`);
  if (br.key.length) {
    const b$ = reportBridge.$;
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO ${reportBridge} (${b$.reportId}, ${b$.identifierId}, ${b$.key}, ${b$.role})
      SELECT * FROM unnest(${br.report}::int[], ${br.ident}::int[], ${br.key}::text[], ${br.role}::text[]) ON CONFLICT DO NOTHING`);
    const sigs = [...sig.values()];
    const s$ = signatures.$;
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO ${signatures} (${s$.key}, ${s$.identifierId}, ${s$.role}, ${s$.meta}, ${s$.signature})
      SELECT * FROM unnest(${sigs.map((x) => x.key)}::text[], ${sigs.map((x) => x.ident)}::int[], ${sigs.map((x) => x.role)}::text[],
                           ${sigs.map((x) => x.meta)}::jsonb[], ${sigs.map((x) => x.signature)}::text[]) ON CONFLICT DO NOTHING`);
  }
}

/** What partial-account bridging compares besides the key (see canBridge): stated bank and shown prefix. */
function bridgeSignature(id: CanonicalIdentifier): string {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return `${s(id.meta.statedBank)}|${s(id.meta.prefix)}`;
}
