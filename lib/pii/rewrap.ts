/**
 * Moving stored victim data onto the current key: plaintext rows of older
 * versions (the start-up data step, `onlyPlain`) and rows under older keys
 * (`npm run pii:rotate-key`). Batches by id, one short transaction each;
 * each row is written only if it still holds what was read (compare and set),
 * so running servers are never overwritten. Idempotent and restartable: the
 * filter finds exactly the rows not yet done.
 */
import type { Db } from "@/lib/db/client";
import { Prisma, table } from "@/lib/db/sql";
import { decryptWith, encryptWith, type Keyring, type PiiField } from "./cipher";
import { piiKeys } from "./keys";

export interface RewrapCounts {
  /** Reports with at least one column rewritten. */
  reports: number;
  /** Liaison requests whose shared-victims snapshot was rewritten. */
  requests: number;
}

const REPORT_FIELDS = ["victimName", "victimPhone", "narrative"] as const;

/** SQL: the column needs work (plaintext, or under another key than the current one). */
function pending(column: Prisma.Sql, prefix: string): Prisma.Sql {
  return Prisma.sql`(${column} <> '' AND NOT starts_with(${column}, ${prefix}))`;
}

function rewrap(keys: Keyring, field: PiiField, stored: string): string {
  return stored === "" ? "" : encryptWith(keys, field, decryptWith(keys, field, stored));
}

export async function rewrapAll(
  db: Db,
  opts: { onlyPlain?: boolean; batchSize?: number; onBatch?: (c: RewrapCounts) => void } = {},
): Promise<RewrapCounts> {
  const keys = piiKeys();
  // The prefix a done value starts with: any envelope for the data step, the current key's for rotation.
  const prefix = opts.onlyPlain ? "enc:" : `enc:v1:${keys[0].id}:`;
  const size = opts.batchSize ?? 500;
  const counts: RewrapCounts = { reports: 0, requests: 0 };

  const R = table("Report");
  const reportFilter = Prisma.join(
    REPORT_FIELDS.map((f) => pending(R.$[f], prefix)),
    " OR ",
  );
  for (let after = 0; ;) {
    const rows = await db.$queryRaw<{ id: number; victimName: string; victimPhone: string; narrative: string }[]>`
      SELECT "id", "victimName", "victimPhone", "narrative" FROM "Report"
      WHERE "id" > ${after} AND (${reportFilter}) ORDER BY "id" LIMIT ${size}`;
    if (!rows.length) break;
    const next = rows.map((r) => ({
      id: r.id,
      name: rewrapIf(keys, "Report.victimName", r.victimName, prefix),
      phone: rewrapIf(keys, "Report.victimPhone", r.victimPhone, prefix),
      narrative: rewrapIf(keys, "Report.narrative", r.narrative, prefix),
    }));
    const arr = <K extends "victimName" | "victimPhone" | "narrative">(k: K) => rows.map((r) => r[k]);
    counts.reports += await db.$transaction(
      (tx) => tx.$executeRaw`
        UPDATE "Report" r SET "victimName" = u.n, "victimPhone" = u.p, "narrative" = u.t
        FROM unnest(${next.map((r) => r.id)}::int[], ${next.map((r) => r.name)}::text[], ${next.map((r) => r.phone)}::text[],
                    ${next.map((r) => r.narrative)}::text[], ${arr("victimName")}::text[], ${arr("victimPhone")}::text[],
                    ${arr("narrative")}::text[]) AS u(id, n, p, t, on_, op, ot)
        WHERE r."id" = u.id AND r."victimName" = u.on_ AND r."victimPhone" = u.op AND r."narrative" = u.ot`,
    );
    opts.onBatch?.(counts);
    after = rows.at(-1)!.id;
  }

  const snapshot = table("LiaisonRequest").$.sharedVictims;
  for (let after = ""; ;) {
    // A plaintext snapshot is a non-empty JSON array; an encrypted one a JSON string.
    const rows = await db.$queryRaw<{ id: string; stored: string }[]>`
      SELECT "id", "sharedVictims"::text AS stored FROM "LiaisonRequest"
      WHERE "id" > ${after} AND (
        (jsonb_typeof(${snapshot}) = 'array' AND jsonb_array_length(${snapshot}) > 0)
        OR (jsonb_typeof(${snapshot}) = 'string' AND NOT starts_with(${snapshot} #>> '{}', ${prefix})))
      ORDER BY "id" LIMIT ${size}`;
    if (!rows.length) break;
    const next = rows.map((r) => {
      const value: unknown = JSON.parse(r.stored);
      const plain = typeof value === "string" ? decryptWith(keys, "LiaisonRequest.sharedVictims", value) : r.stored;
      return JSON.stringify(encryptWith(keys, "LiaisonRequest.sharedVictims", plain));
    });
    counts.requests += await db.$transaction(
      (tx) => tx.$executeRaw`
        UPDATE "LiaisonRequest" q SET "sharedVictims" = u.v::jsonb
        FROM unnest(${rows.map((r) => r.id)}::text[], ${next}::text[], ${rows.map((r) => r.stored)}::text[]) AS u(id, v, old)
        WHERE q."id" = u.id AND q."sharedVictims" = u.old::jsonb`,
    );
    opts.onBatch?.(counts);
    after = rows.at(-1)!.id;
  }
  return counts;
}

function rewrapIf(keys: Keyring, field: PiiField, stored: string, prefix: string): string {
  return stored === "" || stored.startsWith(prefix) ? stored : rewrap(keys, field, stored);
}

/** The start-up data step: rows written before encryption get encrypted. */
export function encryptPlainRows(db: Db, batchSize?: number): Promise<RewrapCounts> {
  return rewrapAll(db, { onlyPlain: true, batchSize });
}

/** Stored values per key id ("plain" for unencrypted ones): which keys are still needed. */
export async function keyCensus(db: Db): Promise<Record<string, number>> {
  const R = table("Report").$;
  const snapshot = table("LiaisonRequest").$.sharedVictims;
  const keyOf = (c: Prisma.Sql) =>
    Prisma.sql`CASE WHEN starts_with(${c}, 'enc:v1:') THEN split_part(${c}, ':', 3) ELSE 'plain' END`;
  const rows = await db.$queryRaw<{ key: string; n: number }[]>`
    SELECT key, count(*)::int AS n FROM (
      SELECT ${keyOf(R.victimName)} AS key FROM "Report" WHERE ${R.victimName} <> ''
      UNION ALL SELECT ${keyOf(R.victimPhone)} FROM "Report" WHERE ${R.victimPhone} <> ''
      UNION ALL SELECT ${keyOf(R.narrative)} FROM "Report" WHERE ${R.narrative} <> ''
      UNION ALL SELECT ${keyOf(Prisma.sql`(${snapshot} #>> '{}')`)} FROM "LiaisonRequest"
        WHERE jsonb_typeof(${snapshot}) = 'string'
           OR (jsonb_typeof(${snapshot}) = 'array' AND jsonb_array_length(${snapshot}) > 0)
    ) v GROUP BY key ORDER BY key`;
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}
