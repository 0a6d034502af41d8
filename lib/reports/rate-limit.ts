import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { keyedHash } from "@/lib/secrets";
import { Prisma, table } from "@/lib/db/sql";

const H = table("RateLimitHit");

export const REPORT_BUCKET = "report";
export const ABUSE_BUCKET = "report-abuse";

type Queryable = Pick<Db, "rateLimitHit">;
/** The app's client (not a transaction): limit checks also prune old rows. */
type Client = Pick<Db, "rateLimitHit" | "$executeRaw" | "$queryRaw">;

function windowStart(): Date {
  return new Date(Date.now() - env().REPORT_RATE_WINDOW_MINUTES * 60_000);
}

export function ipKey(ip: string): string {
  // Only a keyed hash of the address is stored.
  return keyedHash("ip", ip);
}

/**
 * Whether this address may not report now. Called before the report's
 * transaction, with the app's client, and by the HTTP gate before a form's
 * body is read: so one statement for both counts, it runs twice per report.
 */
export async function isReportLimited(db: Client, ip: string): Promise<boolean> {
  pruneRateLimitsSoon(db, reportBuckets());
  const [row] = await db.$queryRaw<{ abuse: number; reports: number }[]>(Prisma.sql`
    SELECT count(*) FILTER (WHERE ${H.bucket} = ${ABUSE_BUCKET})::int AS abuse,
           count(*) FILTER (WHERE ${H.bucket} = ${REPORT_BUCKET})::int AS reports
    FROM ${H}
    WHERE ${H.bucket} IN (${ABUSE_BUCKET}, ${REPORT_BUCKET}) AND ${H.key} = ${ipKey(ip)} AND ${H.createdAt} >= ${windowStart()}`);
  return row!.abuse > 0 || row!.reports >= env().REPORT_RATE_LIMIT;
}

/**
 * Counts one accepted report inside the report's transaction, or refuses it
 * (RateLimitedError) if the address's window is already full. Reports from one
 * address are serialised on a transaction-scoped lock of its keyed hash, so a
 * burst spread over several app servers cannot pass the limit between the
 * early check (isReportLimited) and this count: the sum over all servers holds.
 */
export async function recordReportHit(db: Pick<Db, "$executeRaw" | "$queryRaw">, ip: string): Promise<void> {
  const key = ipKey(ip);
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${RATE_LOCK_SPACE}::int, hashtext(${key}))`;
  // Count and insert in one statement (the submission's hot path): a row only while under the limit.
  const counted = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH w AS (
      SELECT count(*)::int AS n FROM ${H}
      WHERE ${H.bucket} = ${REPORT_BUCKET} AND ${H.key} = ${key} AND ${H.createdAt} >= ${windowStart()}
    )
    INSERT INTO ${H} (${H.$.bucket}, ${H.$.key}, ${H.$.createdAt})
    SELECT ${REPORT_BUCKET}, ${key}, ${new Date()} FROM w WHERE w.n < ${env().REPORT_RATE_LIMIT}
    RETURNING ${H.$.id} AS id`);
  if (!counted.length) throw new RateLimitedError();
}
const RATE_LOCK_SPACE = 0x52_4c_4d; // "RLM"

/** A bot signal (filled honeypot): the address is refused for the rest of the window. */
export async function recordAbuseHit(db: Queryable, ip: string): Promise<void> {
  await db.rateLimitHit.create({ data: { bucket: ABUSE_BUCKET, key: ipKey(ip) } });
}

/** A RateLimitHit bucket and how long its rows matter (the longest window that reads them). */
export interface BucketRetention {
  bucket: string;
  keepMs: number;
}

export function reportBuckets(): BucketRetention[] {
  const keepMs = env().REPORT_RATE_WINDOW_MINUTES * 60_000;
  return [
    { bucket: REPORT_BUCKET, keepMs },
    { bucket: ABUSE_BUCKET, keepMs },
  ];
}

const PRUNE_BATCH = 5_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Deletes the rows (and slot counts) of each bucket that are older than its retention, in
 * batches (a backlog never holds the database in one long statement). Safe to
 * run on several servers at once: each only deletes what nobody reads any more.
 */
export async function pruneRateLimits(
  db: Pick<Db, "$executeRaw">,
  buckets: readonly BucketRetention[],
  now = new Date(),
): Promise<number> {
  let total = 0;
  for (const { bucket, keepMs } of buckets) {
    const before = new Date(now.getTime() - keepMs);
    for (;;) {
      const n = await db.$executeRaw`
        DELETE FROM "RateLimitHit" WHERE "id" IN (
          SELECT "id" FROM "RateLimitHit" WHERE "bucket" = ${bucket} AND "createdAt" < ${before} LIMIT ${PRUNE_BATCH})`;
      total += n;
      if (n < PRUNE_BATCH) break;
    }
    // Limits counted per time slot (the lookups, lib/lookup/rate-limit.ts).
    for (;;) {
      const n = await db.$executeRaw`
        DELETE FROM "RateLimitCount" WHERE ("bucket", "key", "slot") IN (
          SELECT "bucket", "key", "slot" FROM "RateLimitCount" WHERE "bucket" = ${bucket} AND "slot" < ${before} LIMIT ${PRUNE_BATCH})`;
      total += n;
      if (n < PRUNE_BATCH) break;
    }
  }
  return total;
}

const lastPrune = new Map<string, number>();

/**
 * Called where limits are checked or failures recorded: prunes these buckets
 * in the background unless this process did so in the last ten minutes. Every
 * server prunes what it uses, so no scheduler is needed and the table stays
 * bounded by the windows. Pass the app's client, never a transaction (and not
 * from inside a transaction's callback: the prune is not part of it). Returns
 * the running prune (tests await it), or null when it was not due.
 */
export function pruneRateLimitsSoon(
  db: Pick<Db, "$executeRaw">,
  buckets: readonly BucketRetention[],
  now = Date.now(),
): Promise<number> | null {
  const key = buckets.map((b) => b.bucket).join(",");
  if (now - (lastPrune.get(key) ?? -Infinity) < PRUNE_EVERY_MS) return null;
  lastPrune.set(key, now);
  return pruneRateLimits(db, buckets, new Date(now)).catch((e) => {
    logError(e, { context: "pruneRateLimits", buckets: key });
    return 0;
  });
}
