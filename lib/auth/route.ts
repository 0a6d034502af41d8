import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { AppError, ForbiddenError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { asDatabaseError } from "@/lib/db/unavailable";
import { logError } from "@/lib/log";
import { requireUser, type CurrentUser } from "./current-user";
import { can, type Permission } from "./permissions";

export interface RouteContext<P> {
  user: CurrentUser;
  ip: string;
  params: P;
}

/**
 * A route handler for signed-in users holding `permission`, or any one of a
 * list (when staff and liaisons share a route and the service decides which
 * records each may reach): 401 without a session, 403 without the permission,
 * the AppError's status for typed errors, 500 with an error id otherwise.
 * Answers are never cached.
 *
 *   export const GET = staffRoute("read:evidence:any", async (req, { user, params }) => …);
 */
export function staffRoute<P = Record<string, string>>(
  permission: Permission | readonly Permission[],
  handler: (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    try {
      const anyOf: readonly Permission[] = typeof permission === "string" ? [permission] : permission;
      const user = await requireUser();
      if (!anyOf.some((p) => can(user, p))) throw new ForbiddenError();
      const res = await handler(req, { user, ip: clientIpFrom(req.headers), params: await segment.params });
      if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
      return res;
    } catch (caught) {
      const e = asDatabaseError(caught);
      if (e instanceof AppError)
        return NextResponse.json({ error: e.code }, { status: e.status, headers: { "cache-control": "no-store" } });
      const errorId = logError(e, { route: req.nextUrl.pathname });
      return NextResponse.json(
        { error: "unexpected", errorId },
        { status: 500, headers: { "cache-control": "no-store" } },
      );
    }
  };
}
