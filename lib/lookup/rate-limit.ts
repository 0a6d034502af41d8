import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma, table } from "@/lib/db/sql";
import { ipKey, pruneRateLimitsSoon, type BucketRetention } from "@/lib/reports/rate-limit";

/** Lookups from the public page, per keyed hash of the client address. */
export const LOOKUP_BUCKET = "lookup";
/** Lookups through the API, per key id. */
export const LOOKUP_API_BUCKET = "lookup-api";
/** API key limits are per minute. */
export const API_WINDOW_MS = 60_000;

export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

const H = table("RateLimitHit", "h");

/**
 * Counts this request against (bucket, key) if it is within `limit` per
 * `windowMs` (a sliding window over RateLimitHit rows, like the report form);
 * a refused request is not counted, so a client that keeps trying is let in
 * again once its oldest counted lookup leaves the window. Retry-After is when
 * that happens. Check and insert are two statements: under a burst a few
 * requests past the limit may slip through, which a lookup limit tolerates.
 */
export async function takeLookup(
  db: Pick<Db, "$queryRaw" | "rateLimitHit">,
  bucket: string,
  key: string,
  limit: number,
  windowMs: number,
  now: Date = new Date(),
): Promise<Allowance> {
  const since = new Date(now.getTime() - windowMs);
  const [row] = await db.$queryRaw<{ n: number; oldest: Date | null }[]>(Prisma.sql`
    SELECT count(*)::int AS n, min(${H.createdAt}) AS oldest FROM ${H}
    WHERE ${H.bucket} = ${bucket} AND ${H.key} = ${key} AND ${H.createdAt} >= ${since}`);
  if (row && row.n >= limit) {
    const oldest = row.oldest ? new Date(row.oldest).getTime() : now.getTime();
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000)) };
  }
  await db.rateLimitHit.create({ data: { bucket, key, createdAt: now } });
  return { ok: true };
}

export function lookupBuckets(): BucketRetention[] {
  return [
    { bucket: LOOKUP_BUCKET, keepMs: env().LOOKUP_RATE_WINDOW_SECONDS * 1000 },
    { bucket: LOOKUP_API_BUCKET, keepMs: API_WINDOW_MS },
  ];
}

/** The public page's limit for this client address (the app's client, never a transaction). */
export async function takePageLookup(db: Db, ip: string, now?: Date): Promise<Allowance> {
  pruneRateLimitsSoon(db, lookupBuckets());
  const { LOOKUP_RATE_LIMIT, LOOKUP_RATE_WINDOW_SECONDS } = env();
  return takeLookup(db, LOOKUP_BUCKET, ipKey(ip), LOOKUP_RATE_LIMIT, LOOKUP_RATE_WINDOW_SECONDS * 1000, now);
}

/** An API key's own limit. */
export async function takeApiLookup(db: Db, keyId: string, perMinute: number, now?: Date): Promise<Allowance> {
  pruneRateLimitsSoon(db, lookupBuckets());
  return takeLookup(db, LOOKUP_API_BUCKET, keyId, perMinute, API_WINDOW_MS, now);
}
