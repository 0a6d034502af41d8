import "server-only";
import type { Db } from "@/lib/db";
import { permissionsOf, type Actor, type Permission, type Role } from "./permissions";

/** What a session cookie carries: who, and which version of their access it was issued for. */
export interface SessionClaims {
  uid: string;
  sv: number;
}

/** The signed-in user as loaded from the database for this request. */
export interface CurrentUser extends Actor {
  email: string;
  name: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  permissions: readonly Permission[];
}

export function claimsFrom(value: unknown): SessionClaims | null {
  const v = value as { uid?: unknown; sv?: unknown } | null | undefined;
  if (!v || typeof v.uid !== "string" || typeof v.sv !== "number") return null;
  return { uid: v.uid, sv: v.sv };
}

/**
 * The user behind a session, read fresh from the database: null if the account
 * is gone or disabled, or if its sessionVersion moved on since the cookie was
 * issued (role change, disable, password reset). That is what makes those
 * changes take effect on the user's next request.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims | null): Promise<CurrentUser | null> {
  if (!claims) return null;
  const user = await db.user.findUnique({
    where: { id: claims.uid },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      orgId: true,
      disabled: true,
      sessionVersion: true,
      org: { select: { name: true } },
    },
  });
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  const base = { id: user.id, role: user.role, orgId: user.orgId };
  return {
    ...base,
    email: user.email,
    name: user.name,
    orgName: user.org?.name ?? null,
    permissions: permissionsOf(base),
  };
}
