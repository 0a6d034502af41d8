import "server-only";
import type { Db } from "@/lib/db";
import { permissionsOf, type Actor, type Permission, type Role } from "./permissions";
import { findLiveSession } from "./sessions";

/** What a session cookie carries: the random token naming a Session row (ADR 0008). */
export interface SessionClaims {
  sid: string;
}

/** The signed-in user as loaded from the database for this request. */
export interface CurrentUser extends Actor {
  email: string;
  name: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  permissions: readonly Permission[];
  /** The Session row this request runs under (sign-out ends it). */
  sessionId: string;
}

export function claimsFrom(value: unknown): SessionClaims | null {
  const v = value as { sid?: unknown } | null | undefined;
  if (!v || typeof v.sid !== "string" || v.sid.length < 20 || v.sid.length > 100) return null;
  return { sid: v.sid };
}

/**
 * The user behind a session, read fresh from the database: null if the session
 * is unknown, revoked (sign-out, sign-out everywhere, disable, role change,
 * password reset), expired or idle too long, or the account disabled. That is
 * what makes those changes take effect on the user's next request, on every
 * server.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims | null): Promise<CurrentUser | null> {
  if (!claims) return null;
  const live = await findLiveSession(db, claims.sid);
  if (!live) return null;
  const { user } = live;
  const base = { id: user.id, role: user.role, orgId: user.orgId };
  return {
    ...base,
    email: user.email,
    name: user.name,
    orgName: user.org?.name ?? null,
    permissions: permissionsOf(base),
    sessionId: live.id,
  };
}
