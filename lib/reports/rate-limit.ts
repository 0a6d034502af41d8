import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { keyedHash } from "@/lib/secrets";

export const REPORT_BUCKET = "report";
export const ABUSE_BUCKET = "report-abuse";

type Queryable = Pick<Db, "rateLimitHit">;

function windowStart(): Date {
  return new Date(Date.now() - env().REPORT_RATE_WINDOW_MINUTES * 60_000);
}

export function ipKey(ip: string): string {
  // Only a keyed hash of the address is stored.
  return keyedHash("ip", ip);
}

export async function reportsInWindow(db: Queryable, ip: string): Promise<number> {
  return db.rateLimitHit.count({
    where: { bucket: REPORT_BUCKET, key: ipKey(ip), createdAt: { gte: windowStart() } },
  });
}

export async function isReportLimited(db: Queryable, ip: string): Promise<boolean> {
  const key = ipKey(ip);
  const abuse = await db.rateLimitHit.count({
    where: { bucket: ABUSE_BUCKET, key, createdAt: { gte: windowStart() } },
  });
  return abuse > 0 || (await reportsInWindow(db, ip)) >= env().REPORT_RATE_LIMIT;
}

/** Counts one accepted report. */
export async function recordReportHit(db: Queryable, ip: string): Promise<void> {
  await db.rateLimitHit.create({ data: { bucket: REPORT_BUCKET, key: ipKey(ip) } });
}

/** A bot signal (filled honeypot): the address is refused for the rest of the window. */
export async function recordAbuseHit(db: Queryable, ip: string): Promise<void> {
  await db.rateLimitHit.create({ data: { bucket: ABUSE_BUCKET, key: ipKey(ip) } });
}

/** Old rows are useless once outside every window. */
export async function pruneRateLimits(db: Queryable): Promise<number> {
  const { count } = await db.rateLimitHit.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - 24 * 3600_000 - env().REPORT_RATE_WINDOW_MINUTES * 60_000) } },
  });
  return count;
}
