import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { keyedHash } from "@/lib/secrets";

/** RateLimitHit buckets: one row per failed sign-in, keyed by a keyed hash. */
export const LOGIN_ACCOUNT_BUCKET = "login-account";
export const LOGIN_IP_BUCKET = "login-ip";

type Queryable = Pick<Db, "rateLimitHit">;

// Only keyed hashes are stored, never the email or the address.
export const accountKey = (email: string) => keyedHash("login-account", email);
export const ipKey = (ip: string) => keyedHash("ip", ip);

function windowStart(): Date {
  return new Date(Date.now() - env().LOGIN_THROTTLE_WINDOW_MINUTES * 60_000);
}

export type ThrottleReason = "account" | "ip";

/** Whether this email or this address has used up its failed attempts for the window. */
export async function loginThrottled(db: Queryable, email: string, ip: string): Promise<ThrottleReason | null> {
  const since = windowStart();
  const { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_IP } = env();
  const [account, address] = await Promise.all([
    db.rateLimitHit.count({
      where: { bucket: LOGIN_ACCOUNT_BUCKET, key: accountKey(email), createdAt: { gte: since } },
    }),
    db.rateLimitHit.count({ where: { bucket: LOGIN_IP_BUCKET, key: ipKey(ip), createdAt: { gte: since } } }),
  ]);
  if (account >= LOGIN_MAX_FAILURES_PER_ACCOUNT) return "account";
  if (address >= LOGIN_MAX_FAILURES_PER_IP) return "ip";
  return null;
}

/** One failed attempt counts against both the account and the address. */
export async function recordLoginFailure(db: Queryable, email: string, ip: string): Promise<void> {
  await db.rateLimitHit.createMany({
    data: [
      { bucket: LOGIN_ACCOUNT_BUCKET, key: accountKey(email) },
      { bucket: LOGIN_IP_BUCKET, key: ipKey(ip) },
    ],
  });
}

/**
 * A successful sign-in forgives the account's earlier typos (the address keeps
 * its count, so one good account cannot launder guesses against others).
 */
export async function clearAccountFailures(db: Queryable, email: string): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { bucket: LOGIN_ACCOUNT_BUCKET, key: accountKey(email) } });
}
