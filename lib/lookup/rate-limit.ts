import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma, table } from "@/lib/db/sql";
import { bearerKey, hashApiKey } from "./api-keys";
import { ipKey, pruneRateLimitsSoon, type BucketRetention } from "@/lib/reports/rate-limit";

/** Lookups from the public page, per keyed hash of the client address. */
export const LOOKUP_BUCKET = "lookup";
/** Lookups through the API, per key id. */
export const LOOKUP_API_BUCKET = "lookup-api";
/** API key limits are per minute. */
export const API_WINDOW_MS = 60_000;

export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

const C = table("RateLimitCount");
const K = table("ApiKey");

/** A window is counted in this many slots (of at least a second). */
const SLOTS_PER_WINDOW = 60;

/**
 * Counts this request against (bucket, key) if it is within `limit` per
 * `windowMs`; a refused request is not counted, so a client that keeps trying
 * is let in again once its oldest counted lookup leaves the window.
 * Retry-After is when that happens.
 *
 * Lookups are counted per time slot (RateLimitCount: one row per bucket, key
 * and second of a minute's window), not one row per request as the report
 * form's few hits are: an API key may make up to 100,000 lookups a minute, and
 * counting its requests one row each made every lookup read every row of the
 * last minute. A slot leaves the window once its start does, so a slot's
 * lookups are forgotten up to one slot early (a slot that began a whole window
 * ago no longer counts). Check and count are one
 * statement but not atomic across requests: under a burst a few requests past
 * the limit may slip through, which a lookup limit tolerates.
 */
export async function takeLookup(
  db: Pick<Db, "$queryRaw">,
  bucket: string,
  key: string,
  limit: number,
  windowMs: number,
  now: Date = new Date(),
): Promise<Allowance> {
  return (await take(db, bucket, Prisma.sql`SELECT ${key}::text AS key, ${limit}::int AS lim`, windowMs, now))!;
}

/**
 * Counts one lookup for `owner` (a query giving at most one row: its key and
 * limit) as takeLookup describes, in one statement; null when owner has no row.
 */
async function take(
  db: Pick<Db, "$queryRaw">,
  bucket: string,
  owner: Prisma.Sql,
  windowMs: number,
  now: Date,
): Promise<Allowance | null> {
  const slotMs = Math.max(1000, Math.floor(windowMs / SLOTS_PER_WINDOW));
  const slot = new Date(Math.floor(now.getTime() / slotMs) * slotMs);
  const since = new Date(now.getTime() - windowMs);
  const [row] = await db.$queryRaw<{ n: number; oldest: Date | null; taken: number }[]>(Prisma.sql`
    WITH o AS (${owner}), w AS (
      SELECT coalesce(sum(${C.hits}), 0)::int AS n, min(${C.slot}) AS oldest FROM ${C} JOIN o ON ${C.key} = o.key
      WHERE ${C.bucket} = ${bucket} AND ${C.slot} > ${since}
    ), counted AS (
      INSERT INTO ${C} (${C.$.bucket}, ${C.$.key}, ${C.$.slot}, ${C.$.hits})
      SELECT ${bucket}, o.key, ${slot}, 1 FROM o, w WHERE w.n < o.lim
      ON CONFLICT (${C.$.bucket}, ${C.$.key}, ${C.$.slot}) DO UPDATE SET ${C.$.hits} = ${C.hits} + 1
      RETURNING 1
    )
    SELECT w.n, w.oldest, (SELECT count(*) FROM counted)::int AS taken FROM o, w`);
  if (!row) return null;
  if (row.taken === 0) {
    const oldest = row.oldest ? new Date(row.oldest).getTime() : now.getTime();
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000)) };
  }
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

/**
 * An API request's key and limit in one statement (the hot path of
 * GET /api/lookup): "unauthorized" unless `authorization` is `Bearer <key>` of
 * a key that is not revoked; otherwise that key's lookup counted, or refused
 * with Retry-After, as takeApiLookup.
 */
export async function takeKeyedApiLookup(
  db: Db,
  authorization: string | null,
  now: Date = new Date(),
): Promise<Allowance | "unauthorized"> {
  const presented = bearerKey(authorization);
  if (!presented) return "unauthorized";
  pruneRateLimitsSoon(db, lookupBuckets());
  const owner = Prisma.sql`
    SELECT ${K.id} AS key, ${K.ratePerMinute} AS lim FROM ${K}
    WHERE ${K.keyHash} = ${hashApiKey(presented)} AND ${K.revokedAt} IS NULL`;
  return (await take(db, LOOKUP_API_BUCKET, owner, API_WINDOW_MS, now)) ?? "unauthorized";
}

/** An API key's own limit. */
export async function takeApiLookup(db: Db, keyId: string, perMinute: number, now?: Date): Promise<Allowance> {
  pruneRateLimitsSoon(db, lookupBuckets());
  return takeLookup(db, LOOKUP_API_BUCKET, keyId, perMinute, API_WINDOW_MS, now);
}
