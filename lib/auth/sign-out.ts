import "server-only";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { ServiceContext } from "./permissions";
import { revokeSession, revokeUserSessions } from "./sessions";

/** The signed-in user's own context: who, from where, and which session this request runs under. */
export interface SessionContext extends ServiceContext {
  sessionId: string;
}

/** Ends the session this request runs under (sign-out), audited. */
export async function signOutSession(db: Db, ctx: SessionContext): Promise<void> {
  await db.$transaction(async (tx) => {
    await revokeSession(tx, ctx.sessionId, "sign-out");
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "auth.logout",
      resourceType: "user",
      resourceId: ctx.actor.id,
      ip: ctx.ip,
      detail: { sessionId: ctx.sessionId },
    });
  });
}

/**
 * "Sign out everywhere": ends every open session of the signed-in user (this
 * one included), e.g. after a lost laptop or a shared computer. Any signed-in
 * user may do this for themselves; admins do it for others through
 * lib/users/service.ts#endUserSessions. Returns how many sessions ended.
 */
export async function signOutEverywhere(db: Db, ctx: SessionContext): Promise<number> {
  return db.$transaction(async (tx) => {
    const count = await revokeUserSessions(tx, ctx.actor.id, { reason: "sign-out-everywhere" });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "auth.logout.everywhere",
      resourceType: "user",
      resourceId: ctx.actor.id,
      ip: ctx.ip,
      detail: { sessions: count },
    });
    return count;
  });
}
