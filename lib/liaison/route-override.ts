import "server-only";
import type { Db } from "@/lib/db";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { assertIdentifierInCase, caseByNumber } from "@/lib/cases";
import { ID_PATTERN } from "@/lib/users/schemas";
import { Prisma, table } from "@/lib/db/sql";
import type { RouteOrg } from "./route-groups";

const O = table("Organisation", "o");

export interface SetIdentifierRouteInput {
  caseNumber: string;
  identifierId: number;
  /** The organisation that acts on it; null removes staff's choice (automatic routing again). */
  orgId: string | null;
}

/**
 * Staff's choice of the organisation for an identifier, made from a case page:
 * the identifier is reached through the case (another case's identifier is a
 * 404, like a missing one). The choice belongs to the identifier, so it holds
 * on every case naming it; the audit row says from which case it was made.
 * Needs create:request:any.
 */
export async function setIdentifierRoute(
  db: Db,
  ctx: ServiceContext,
  input: SetIdentifierRouteInput,
): Promise<{ identifierId: number; orgId: string | null; previousOrgId: string | null }> {
  assertCan(ctx.actor, "create:request:any");
  if (input.orgId !== null && !ID_PATTERN.test(input.orgId)) throw new NotFoundError("organisation");
  return db.$transaction(async (tx) => {
    const c = await caseByNumber(tx, input.caseNumber);
    await assertIdentifierInCase(tx, c.caseId, input.identifierId);
    const org = input.orgId
      ? await tx.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, name: true } })
      : null;
    if (input.orgId && !org) throw new NotFoundError("organisation");
    const before = await tx.identifierRoute.findUnique({
      where: { identifierId: input.identifierId },
      select: { orgId: true },
    });
    if (org) {
      const data = { orgId: org.id, setById: ctx.actor.id, setAt: new Date() };
      await tx.identifierRoute.upsert({
        where: { identifierId: input.identifierId },
        create: { identifierId: input.identifierId, ...data },
        update: data,
      });
    } else {
      await tx.identifierRoute.deleteMany({ where: { identifierId: input.identifierId } });
    }
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: org ? "identifier.route.set" : "identifier.route.clear",
      resourceType: "identifier",
      resourceId: String(input.identifierId),
      ip: ctx.ip,
      detail: {
        case: c.number,
        orgId: org?.id ?? null,
        orgName: org?.name ?? null,
        previousOrgId: before?.orgId ?? null,
      },
    });
    return { identifierId: input.identifierId, orgId: org?.id ?? null, previousOrgId: before?.orgId ?? null };
  });
}

/** Every organisation, by name: the choices of the override select. Needs create:request:any. */
export async function listRouteOrganisations(db: Db, ctx: ServiceContext): Promise<RouteOrg[]> {
  assertCan(ctx.actor, "create:request:any");
  return allOrganisations(db);
}

/** Every organisation, by name (a raw read: the case page lists them on every view). */
export function allOrganisations(db: Db): Promise<RouteOrg[]> {
  return db.$queryRaw<RouteOrg[]>(
    Prisma.sql`SELECT ${O.id}, ${O.name}, ${O.kind}::text AS kind FROM ${O} ORDER BY ${O.name}`,
  );
}
