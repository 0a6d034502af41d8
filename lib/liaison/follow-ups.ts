import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { caseByNumber } from "@/lib/cases";
import { routeCaseIdentifiers } from "./routes";
import { suggestFollowUps, type FollowUpRoute, type FollowUpSuggestion } from "./follow-up-rules";

export type { FollowUpSuggestion } from "./follow-up-rules";

/**
 * Suggested follow-up freeze requests of a case (follow-up-rules.ts says
 * when): a new report named another account at a bank that already has a
 * freeze request of this case. The panel offers each as one click that makes
 * a draft (with followUpOf set) for the investigator to check and send.
 * Routing is only computed when the case has a freeze request in play (the
 * case panel, which routes anyway, passes its routes).
 */
export async function followUpSuggestions(
  db: Db,
  ctx: ServiceContext,
  input: { caseNumber: string },
  routes?: readonly FollowUpRoute[],
): Promise<FollowUpSuggestion[]> {
  assertCan(ctx.actor, "read:request:any");
  const kase = await caseByNumber(db, input.caseNumber);
  const rows = await db.liaisonRequest.findMany({
    where: { caseId: kase.caseId },
    select: {
      number: true,
      orgId: true,
      kind: true,
      status: true,
      sentAt: true,
      items: { select: { identifierId: true } },
    },
  });
  const requests = rows.map(({ items, ...r }) => ({
    ...r,
    identifierIds: items.flatMap((i) => (i.identifierId === null ? [] : [i.identifierId])),
  }));
  const inPlay = requests.some(
    (r) => r.kind === "freeze_accounts" && ["sent", "acknowledged", "answered"].includes(r.status),
  );
  if (!inPlay) return [];
  return suggestFollowUps(requests, routes ?? (await caseRoutes(db, ctx, kase.number)));
}

/** Where the case's identifiers route (lib/liaison/routes.ts), as the rules need it. */
async function caseRoutes(db: Db, ctx: ServiceContext, caseNumber: string): Promise<FollowUpRoute[]> {
  const rows = await routeCaseIdentifiers(db, ctx, { caseNumber });
  return rows.map((r) => ({ identifierId: r.identifierId, kind: r.kind, orgId: r.org?.id ?? null }));
}
