import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma, table } from "@/lib/db/sql";
import type { Role } from "./permissions";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { keyedHash } from "@/lib/secrets";

/**
 * Server-side staff sessions (ADR 0008). The Auth.js cookie carries a random
 * token; the Session row (found by the token's SHA-256) is the authority: it
 * ends at sign-out, "sign out everywhere", disable, role change or password
 * reset, after SESSION_MAX_AGE_HOURS, or after SESSION_IDLE_MINUTES unused.
 * Everything lives in the database, so any app server can check any session.
 */

/** Why a session ended before its time (Session.revokedReason). */
export type RevokeReason = "sign-out" | "sign-out-everywhere" | "admin" | "disabled" | "role-change" | "password-reset";

/** lastSeenAt is written at most this often per session (the idle timeout is minutes). */
const TOUCH_EVERY_MS = 60_000;
/** Ended sessions are kept this long (for the admin's view and investigations), then pruned. */
const KEEP_ENDED_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function maxAgeMs(): number {
  return Math.round(env().SESSION_MAX_AGE_HOURS * 3600_000);
}

function idleMs(): number {
  return env().SESSION_IDLE_MINUTES * 60_000;
}

export interface SessionOrigin {
  ip: string;
  userAgent?: string | null;
}

/**
 * Opens a session for a user whose password was just verified against
 * `passwordHash`. The user row is locked and re-read in the same transaction:
 * if the account was disabled or its password reset meanwhile (whose
 * transaction revokes every session), no session is created. Returns the token
 * for the cookie, or null.
 */
export async function createSession(
  db: Db,
  user: { id: string; passwordHash: string },
  origin: SessionOrigin,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date } | null> {
  const token = randomBytes(32).toString("base64url");
  const created = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ passwordHash: string; disabled: boolean }[]>`
      SELECT "passwordHash", "disabled" FROM "User" WHERE "id" = ${user.id} FOR UPDATE`;
    if (!row || row.disabled || row.passwordHash !== user.passwordHash) return null;
    return tx.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + maxAgeMs()),
        userAgent: (origin.userAgent ?? "").slice(0, 300),
        ipHash: origin.ip ? keyedHash("ip", origin.ip) : "",
      },
      select: { id: true, expiresAt: true },
    });
  });
  pruneSessionsSoon(db, now);
  return created && { ...created, token };
}

const S = table("Session", "s");
const U = table("User", "u");
const O = table("Organisation", "o");

/** The signed-in user as every staff request sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string | null;
  disabled: boolean;
  org: { name: string } | null;
}

/**
 * The live session behind a cookie token and its user, or null when the
 * session is unknown, revoked, past its absolute or idle limit, or its user
 * disabled. Records the use (at most once a minute) for the idle timeout.
 * One raw statement: every staff request starts here, and the query builder
 * spent three statements and their compilation on it.
 */
export async function findLiveSession(db: Db, token: string, now = new Date()) {
  const [row] = await db.$queryRaw<
    {
      id: string;
      expiresAt: Date;
      lastSeenAt: Date;
      revokedAt: Date | null;
      userId: string;
      email: string;
      name: string;
      role: Role;
      orgId: string | null;
      disabled: boolean;
      orgName: string | null;
    }[]
  >(Prisma.sql`
    SELECT ${S.id} AS id, ${S.expiresAt} AS "expiresAt", ${S.lastSeenAt} AS "lastSeenAt", ${S.revokedAt} AS "revokedAt",
           ${U.id} AS "userId", ${U.email} AS email, ${U.name} AS name, ${U.role}::text AS role, ${U.orgId} AS "orgId",
           ${U.disabled} AS disabled, ${O.name} AS "orgName"
    FROM ${S} JOIN ${U} ON ${U.id} = ${S.userId} LEFT JOIN ${O} ON ${O.id} = ${U.orgId}
    WHERE ${S.tokenHash} = ${hashToken(token)}`);
  if (!row || row.revokedAt || row.disabled) return null;
  const lastSeenAt = new Date(row.lastSeenAt);
  if (new Date(row.expiresAt) <= now || lastSeenAt.getTime() <= now.getTime() - idleMs()) return null;
  if (now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: now } });
  }
  const user: SessionUser = {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    orgId: row.orgId,
    disabled: row.disabled,
    org: row.orgName === null ? null : { name: row.orgName },
  };
  return { id: row.id, user };
}

/** Ends one session (sign-out). Returns whether it was still open. */
export async function revokeSession(db: Client, sessionId: string, reason: RevokeReason): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count > 0;
}

/** Ends the session a cookie token names, if it is still open (Auth.js' own sign-out route). */
export async function revokeSessionByToken(db: Client, token: string, reason: RevokeReason): Promise<void> {
  await db.session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
}

/**
 * Ends every open session of a user. Call it inside the transaction that
 * changes the user (after updating the row, which locks it), so a sign-in
 * racing with the change cannot leave a session behind (see createSession).
 */
export async function revokeUserSessions(
  db: Client,
  userId: string,
  { reason }: { reason: RevokeReason },
): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
  /** A short fingerprint of the keyed address hash: equal for equal addresses, nothing more. */
  addressTag: string;
}

/** A user's open sessions, most recently used first. */
export async function listLiveSessions(db: Db, userId: string, now = new Date()): Promise<SessionSummary[]> {
  const rows = await db.session.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - idleMs()) },
    },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipHash: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map(({ ipHash, ...r }) => ({ ...r, addressTag: ipHash.slice(0, 8) }));
}

/** Deletes sessions that ended more than a day ago; returns how many. Safe on several servers at once. */
export async function pruneSessions(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEEP_ENDED_MS);
  const { count } = await db.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lt: before } },
        { revokedAt: { lt: before } },
        { lastSeenAt: { lt: new Date(before.getTime() - idleMs()) } },
      ],
    },
  });
  return count;
}

let lastPrune = -Infinity;

/** Prunes in the background when this process has not done so for ten minutes (called at sign-in). */
function pruneSessionsSoon(db: Db, now: Date) {
  if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now.getTime();
  pruneSessions(db, now).catch((e) => logError(e, { context: "pruneSessions" }));
}
