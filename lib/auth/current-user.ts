import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { auth } from "./config";
import { can, type Permission } from "./permissions";
import { claimsFrom, loadSessionUser, type CurrentUser } from "./session";

/**
 * The signed-in user for this request, re-read from the database (so a disabled
 * account, a role change or a password reset takes effect on the next request),
 * or null. Memoised per server render.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  return loadSessionUser(await db(), claimsFrom(session));
});

/**
 * The signed-in user, who must hold `permission` when given. Throws
 * UnauthenticatedError (401) or ForbiddenError (403); pages map these with
 * lib/auth/page.ts, actions with lib/actions/staff-action.ts, route handlers
 * with lib/auth/route.ts.
 */
export async function requireUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  if (permission && !can(user, permission)) throw new ForbiddenError();
  return user;
}

export type { CurrentUser } from "./session";
