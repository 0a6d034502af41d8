import "server-only";
import { bridgesOf, type CanonicalIdentifier } from "@/lib/matching";
import { Prisma } from "@/lib/db/sql";
import { MATCH_LOCK, type Tx } from "./types";

/**
 * The one global matching lock, exclusively: a re-cluster, an import batch, a
 * decision or a warning-list edit runs alone, and submissions (which take it
 * shared) wait for it.
 */
export async function lockAllMatching(tx: Tx): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${MATCH_LOCK}::bigint)`);
}

/**
 * The shared global lock (a re-cluster takes it exclusively), then 64-bit locks
 * on the keys, hashed by Postgres so every client agrees, in ascending order.
 */
async function lockKeys(tx: Tx, keys: string[]): Promise<void> {
  await tx.$queryRaw(Prisma.sql`
    SELECT count(l) FROM (
      SELECT 0 AS o, pg_advisory_xact_lock_shared(${MATCH_LOCK}::bigint)::text AS l
      UNION ALL
      SELECT 1, pg_advisory_xact_lock(h)::text FROM (
        SELECT DISTINCT hashtextextended(k, 7310) AS h FROM unnest(${keys}::text[]) AS k ORDER BY 1
      ) s
    ) locks`);
}

/**
 * Takes the locks matching needs, before the reports' identifiers are stored:
 * every matcher takes them at this one point and in one order, so they never
 * deadlock; a transaction that shares a key with another waits here until the
 * other commits, and then sees its rows. Imports pass `exclusive` (one big
 * batch instead of thousands of keys).
 */
export async function lockForMatching(
  tx: Tx,
  reports: { identifiers: CanonicalIdentifier[] }[],
  exclusive = false,
): Promise<void> {
  if (exclusive) return lockAllMatching(tx);
  await lockKeys(
    tx,
    reports.flatMap((r) =>
      r.identifiers.flatMap((i) => [`id:${i.kind}:${i.value}`, ...bridgesOf(i).map((b) => b.key)]),
    ),
  );
}
