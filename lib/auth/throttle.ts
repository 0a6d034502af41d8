import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { pruneRateLimitsSoon, type BucketRetention } from "@/lib/reports/rate-limit";
import { keyedHash } from "@/lib/secrets";

/**
 * Sign-in throttling (ADR 0008), counted in RateLimitHit under keyed hashes
 * only (never an email or address):
 * - per address: LOGIN_MAX_FAILURES_PER_IP failures in the window, any accounts;
 * - per (account, address): LOGIN_MAX_FAILURES_PER_ACCOUNT_IP failures in the window;
 * - per account, from unfamiliar addresses: after LOGIN_ACCOUNT_DELAY_AFTER_FAILURES
 *   failures each attempt must wait a growing, capped delay after the last one.
 * The first two only ever refuse the address that failed. The third is the
 * only account-wide one, and it never applies where the account signed in
 * successfully before: an attacker elsewhere cannot lock the owner out.
 */
export const LOGIN_IP_BUCKET = "login-ip";
export const LOGIN_ACCOUNT_IP_BUCKET = "login-account-ip";
export const LOGIN_ACCOUNT_BUCKET = "login-account";
/** One row per successful sign-in of an account from an address: its familiar addresses. */
export const LOGIN_KNOWN_BUCKET = "login-known";
/** Throttled attempts are audited at most once a minute per account and reason. */
export const LOGIN_THROTTLE_NOTICE_BUCKET = "login-throttle-notice";
const NOTICE_EVERY_MS = 60_000;

export const accountKey = (email: string) => keyedHash("login-account", email);
export const ipKey = (ip: string) => keyedHash("ip", ip);
export const pairKey = (email: string, ip: string) => keyedHash("login-account-ip", `${email}\n${ip}`);

type Queryable = Pick<Db, "rateLimitHit">;
/** The app's client, not a transaction: recording also prunes old rows. */
type Client = Pick<Db, "rateLimitHit" | "$executeRaw">;

export type ThrottleReason = "ip" | "account-ip" | "account";

export interface Throttled {
  by: ThrottleReason;
  /** When an attempt may be made again, in whole seconds from now (≥ 1). */
  retryAfterSeconds: number;
}

const minutes = (n: number) => n * 60_000;

function windowMs(): number {
  return minutes(env().LOGIN_THROTTLE_WINDOW_MINUTES);
}

/** Every login bucket with how long its rows are read; older rows are pruned. */
export function loginBuckets(): BucketRetention[] {
  const e = env();
  return [
    { bucket: LOGIN_IP_BUCKET, keepMs: windowMs() },
    { bucket: LOGIN_ACCOUNT_IP_BUCKET, keepMs: windowMs() },
    { bucket: LOGIN_ACCOUNT_BUCKET, keepMs: e.LOGIN_ACCOUNT_WINDOW_HOURS * 3600_000 },
    { bucket: LOGIN_KNOWN_BUCKET, keepMs: e.LOGIN_KNOWN_ADDRESS_DAYS * 24 * 3600_000 },
    { bucket: LOGIN_THROTTLE_NOTICE_BUCKET, keepMs: NOTICE_EVERY_MS },
  ];
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * With `limit` or more rows in the window: when the count drops below the
 * limit again (the row that has to leave the window leaves), in seconds.
 */
async function overLimit(db: Queryable, bucket: string, key: string, limit: number, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - windowMs());
  const where = { bucket, key, createdAt: { gte: since } };
  const count = await db.rateLimitHit.count({ where });
  if (count < limit) return null;
  const leaving = await db.rateLimitHit.findFirst({
    where,
    orderBy: { createdAt: "asc" },
    skip: count - limit,
    select: { createdAt: true },
  });
  return seconds((leaving?.createdAt.getTime() ?? now.getTime()) + windowMs() - now.getTime());
}

/** The delay the account's failures impose on the next attempt: BASE·2^(n−N), capped; 0 below N. */
export function accountDelaySeconds(failures: number): number {
  const e = env();
  if (failures < e.LOGIN_ACCOUNT_DELAY_AFTER_FAILURES) return 0;
  const exponent = Math.min(failures - e.LOGIN_ACCOUNT_DELAY_AFTER_FAILURES, 30);
  return Math.min(e.LOGIN_ACCOUNT_DELAY_BASE_SECONDS * 2 ** exponent, e.LOGIN_ACCOUNT_DELAY_MAX_SECONDS);
}

/** Whether the account signed in successfully from this address recently. */
export async function isFamiliarAddress(db: Queryable, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - env().LOGIN_KNOWN_ADDRESS_DAYS * 24 * 3600_000);
  const hit = await db.rateLimitHit.findFirst({
    where: { bucket: LOGIN_KNOWN_BUCKET, key: pairKey(email, ip), createdAt: { gte: since } },
    select: { id: true },
  });
  return hit !== null;
}

/** The account's failures in its window and when the last one was. */
async function accountFailures(db: Queryable, email: string, now: Date) {
  const since = new Date(now.getTime() - env().LOGIN_ACCOUNT_WINDOW_HOURS * 3600_000);
  const agg = await db.rateLimitHit.aggregate({
    where: { bucket: LOGIN_ACCOUNT_BUCKET, key: accountKey(email), createdAt: { gte: since } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return { count: agg._count._all, last: agg._max.createdAt };
}

/** The account delay for an attempt now, or null when the attempt may go ahead. */
async function accountDelay(db: Queryable, email: string, now: Date): Promise<Throttled | null> {
  const { count, last } = await accountFailures(db, email, now);
  const delay = accountDelaySeconds(count);
  if (!delay || !last) return null;
  const wait = last.getTime() + delay * 1000 - now.getTime();
  return wait > 0 ? { by: "account", retryAfterSeconds: seconds(wait) } : null;
}

/**
 * The limits that only ever refuse this address: per address, then per
 * (account, address). Null when the attempt may go on to the account check.
 */
export async function addressThrottle(
  db: Queryable,
  email: string,
  ip: string,
  now = new Date(),
): Promise<Throttled | null> {
  const e = env();
  const [address, pair] = await Promise.all([
    overLimit(db, LOGIN_IP_BUCKET, ipKey(ip), e.LOGIN_MAX_FAILURES_PER_IP, now),
    overLimit(db, LOGIN_ACCOUNT_IP_BUCKET, pairKey(email, ip), e.LOGIN_MAX_FAILURES_PER_ACCOUNT_IP, now),
  ]);
  if (address) return { by: "ip", retryAfterSeconds: address };
  if (pair) return { by: "account-ip", retryAfterSeconds: pair };
  return null;
}

/**
 * The account-wide delay, for attempts from unfamiliar addresses. When the
 * account is under a delay and this attempt may go ahead, it takes the slot:
 * an account failure is recorded now (under a per-account lock, so a burst of
 * parallel attempts gets one slot, not many) and `release` takes it back if
 * the password turns out right. Without a delay nothing is recorded here.
 */
export async function claimAccountAttempt(
  db: Db,
  email: string,
  now = new Date(),
): Promise<{ ok: false; throttled: Throttled } | { ok: true; slotId: number | null }> {
  // Cheap check first: most accounts are not under a delay at all.
  const { count } = await accountFailures(db, email, now);
  if (accountDelaySeconds(count) === 0) return { ok: true, slotId: null };
  return db.$transaction(async (tx) => {
    const key = accountKey(email);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const throttled = await accountDelay(tx, email, now);
    if (throttled) return { ok: false as const, throttled };
    const slot = await tx.rateLimitHit.create({
      data: { bucket: LOGIN_ACCOUNT_BUCKET, key, createdAt: now },
      select: { id: true },
    });
    return { ok: true as const, slotId: slot.id };
  });
}

/**
 * One failed attempt counts against the address, the (account, address) pair
 * and the account (unless claimAccountAttempt already recorded the latter).
 */
export async function recordLoginFailure(
  db: Client,
  email: string,
  ip: string,
  opts: { accountRecorded?: boolean; now?: Date } = {},
): Promise<void> {
  const createdAt = opts.now ?? new Date();
  await db.rateLimitHit.createMany({
    data: [
      { bucket: LOGIN_IP_BUCKET, key: ipKey(ip), createdAt },
      { bucket: LOGIN_ACCOUNT_IP_BUCKET, key: pairKey(email, ip), createdAt },
      ...(opts.accountRecorded ? [] : [{ bucket: LOGIN_ACCOUNT_BUCKET, key: accountKey(email), createdAt }]),
    ],
  });
  pruneRateLimitsSoon(db, loginBuckets());
}

/**
 * A successful sign-in: gives back the account slot it claimed (it was not a
 * failure), forgives this address's typos for this account, and remembers the
 * address as familiar. The account's other failures stay: they are what slows
 * an attacker down elsewhere.
 */
export async function recordLoginSuccess(db: Client, email: string, ip: string, slotId: number | null): Promise<void> {
  const pair = pairKey(email, ip);
  if (slotId !== null) await db.rateLimitHit.deleteMany({ where: { id: slotId } });
  // One row per familiar pair, dated by its latest success.
  await db.rateLimitHit.deleteMany({
    where: { bucket: { in: [LOGIN_ACCOUNT_IP_BUCKET, LOGIN_KNOWN_BUCKET] }, key: pair },
  });
  await db.rateLimitHit.create({ data: { bucket: LOGIN_KNOWN_BUCKET, key: pair } });
  pruneRateLimitsSoon(db, loginBuckets());
}

/** Whether a throttled attempt should be audited (the first per account and reason each minute). */
export async function throttleNoticeDue(
  db: Queryable,
  email: string,
  by: ThrottleReason,
  now = new Date(),
): Promise<boolean> {
  const key = keyedHash("login-throttle-notice", `${email}\n${by}`);
  const recent = await db.rateLimitHit.findFirst({
    where: { bucket: LOGIN_THROTTLE_NOTICE_BUCKET, key, createdAt: { gte: new Date(now.getTime() - NOTICE_EVERY_MS) } },
    select: { id: true },
  });
  if (recent) return false;
  await db.rateLimitHit.create({ data: { bucket: LOGIN_THROTTLE_NOTICE_BUCKET, key, createdAt: now } });
  return true;
}
