import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { PublicContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { pinMatches } from "@/lib/reports/pin";
import { ipKey, pruneRateLimitsSoon, type BucketRetention } from "@/lib/reports/rate-limit";
import { keyedHash } from "@/lib/secrets";

/**
 * Reference + PIN for the victims' status page. Wrong PINs are counted in
 * RateLimitHit (keyed hashes only) per reference and per client address;
 * when either count has reached its limit the attempt is refused before the
 * PIN is looked at, so the right PIN does not help an attacker who has used
 * up the window. An unknown reference is counted and answered exactly like a
 * wrong PIN (and verified against a dummy hash, so it takes as long): the
 * page never tells whether a reference exists.
 */
export const STATUS_REPORT_BUCKET = "status-pin-report";
export const STATUS_IP_BUCKET = "status-pin-ip";
/** Throttled attempts are audited at most once a minute per reference (a flood must not flood the log). */
export const STATUS_NOTICE_BUCKET = "status-pin-notice";
const NOTICE_EVERY_MS = 60_000;

const windowMs = () => env().STATUS_PIN_WINDOW_MINUTES * 60_000;

export function statusBuckets(): BucketRetention[] {
  return [
    { bucket: STATUS_REPORT_BUCKET, keepMs: windowMs() },
    { bucket: STATUS_IP_BUCKET, keepMs: windowMs() },
    { bucket: STATUS_NOTICE_BUCKET, keepMs: NOTICE_EVERY_MS },
  ];
}

/** References are shown upper-case (R-2026-000123); accept any case and stray spaces. */
export function normaliseReference(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase().slice(0, 40);
}

export const statusReferenceKey = (reference: string) => keyedHash("status-ref", reference);

export function hashStatusToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type PinCheck =
  | { ok: true; reportId: number; reference: string; token: string; expiresAt: Date }
  | { ok: false; reason: "wrong" | "throttled" };

export interface PinInput {
  reference: string;
  pin: string;
}

/**
 * Checks a reference and PIN. On success opens a StatusSession for that one
 * report and returns its token (for the cookie). Pass the app's client, not a
 * transaction: it runs its own short ones around the check.
 */
export async function checkStatusPin(db: Db, ctx: PublicContext, input: PinInput, now = new Date()): Promise<PinCheck> {
  const reference = normaliseReference(input.reference);
  const ip = ctx.ip ?? "unknown";
  pruneRateLimitsSoon(db, statusBuckets());
  const slot = await claimAttempt(db, reference, ip, now);
  if (!slot) {
    if (await noticeDue(db, reference, now)) {
      await recordAudit(db, {
        actorId: null,
        action: "status.pin.throttled",
        resourceType: "report",
        resourceId: reference,
        ip,
      });
    }
    return { ok: false, reason: "throttled" };
  }
  const report = await db.report.findUnique({
    where: { reference },
    select: { id: true, reference: true, pinHash: true },
  });
  // The same keyed-hash work whether or not the reference exists or has a PIN.
  const pinOk = await pinMatches(report?.pinHash ?? null, reference, input.pin);
  if (!report || !pinOk) {
    // The claimed rows stay: they are this failure.
    await recordAudit(db, {
      actorId: null,
      action: "status.pin.failure",
      resourceType: "report",
      resourceId: reference,
      ip,
    });
    return { ok: false, reason: "wrong" };
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + env().STATUS_SESSION_MINUTES * 60_000);
  await db.$transaction(async (tx) => {
    // A right PIN is not a failure: give the claimed slots back.
    await tx.rateLimitHit.deleteMany({ where: { id: { in: slot } } });
    await tx.statusSession.create({
      data: { tokenHash: hashStatusToken(token), reportId: report.id, createdAt: now, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "status.signin",
      resourceType: "report",
      resourceId: report.reference,
      ip,
    });
  });
  return { ok: true, reportId: report.id, reference: report.reference, token, expiresAt };
}

/**
 * Counts the attempt as a failure before the PIN is checked (the rows are
 * removed again if it turns out right), under locks on the reference and the
 * address, so a burst of parallel guesses cannot get past the limits. Returns
 * the claimed rows' ids, or null when a limit is reached.
 */
async function claimAttempt(db: Db, reference: string, ip: string, now: Date): Promise<number[] | null> {
  const e = env();
  const refKey = statusReferenceKey(reference);
  const addrKey = ipKey(ip);
  const since = new Date(now.getTime() - windowMs());
  return db.$transaction(async (tx) => {
    // Always the reference first, then the address: no lock-order cycle.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`status-ref:${refKey}`}, 0))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`status-ip:${addrKey}`}, 0))`;
    const byReport = await tx.rateLimitHit.count({
      where: { bucket: STATUS_REPORT_BUCKET, key: refKey, createdAt: { gte: since } },
    });
    const byIp = await tx.rateLimitHit.count({
      where: { bucket: STATUS_IP_BUCKET, key: addrKey, createdAt: { gte: since } },
    });
    if (byReport >= e.STATUS_PIN_MAX_FAILURES_PER_REPORT || byIp >= e.STATUS_PIN_MAX_FAILURES_PER_IP) return null;
    const a = await tx.rateLimitHit.create({
      data: { bucket: STATUS_REPORT_BUCKET, key: refKey, createdAt: now },
      select: { id: true },
    });
    const b = await tx.rateLimitHit.create({
      data: { bucket: STATUS_IP_BUCKET, key: addrKey, createdAt: now },
      select: { id: true },
    });
    return [a.id, b.id];
  });
}

/**
 * Whether a sign-in for `reference` (null: any reference) from `ip` would be
 * refused at a limit — for the gate in front of Next.js, which answers such a
 * form post with the 429 page (lib/http/status-gate.ts). Only reads the counts
 * (no locks, nothing claimed): checkStatusPin stays the authority. An unknown
 * reference has its own count like any other, so the answer never tells
 * whether it exists. A refusal is audited like the action's, once a minute per
 * reference.
 */
export async function isStatusSignInLimited(
  db: Db,
  reference: string | null,
  ip: string,
  now = new Date(),
): Promise<boolean> {
  const e = env();
  const since = new Date(now.getTime() - windowMs());
  const byIp = await db.rateLimitHit.count({
    where: { bucket: STATUS_IP_BUCKET, key: ipKey(ip), createdAt: { gte: since } },
  });
  let limited = byIp >= e.STATUS_PIN_MAX_FAILURES_PER_IP;
  if (reference === null) return limited;
  const ref = normaliseReference(reference);
  if (!limited) {
    const byReport = await db.rateLimitHit.count({
      where: { bucket: STATUS_REPORT_BUCKET, key: statusReferenceKey(ref), createdAt: { gte: since } },
    });
    limited = byReport >= e.STATUS_PIN_MAX_FAILURES_PER_REPORT;
  }
  if (limited && (await noticeDue(db, ref, now))) {
    await recordAudit(db, {
      actorId: null,
      action: "status.pin.throttled",
      resourceType: "report",
      resourceId: ref,
      ip,
    });
  }
  return limited;
}

async function noticeDue(db: Db, reference: string, now: Date): Promise<boolean> {
  const key = statusReferenceKey(reference);
  const recent = await db.rateLimitHit.findFirst({
    where: { bucket: STATUS_NOTICE_BUCKET, key, createdAt: { gte: new Date(now.getTime() - NOTICE_EVERY_MS) } },
    select: { id: true },
  });
  if (recent) return false;
  await db.rateLimitHit.create({ data: { bucket: STATUS_NOTICE_BUCKET, key, createdAt: now }, select: { id: true } });
  return true;
}
