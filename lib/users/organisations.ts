import "server-only";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type ServiceContext } from "@/lib/auth/permissions";
import { UserRuleError } from "./errors";
import { ID_PATTERN, type CreateOrganisationInput, type OrgKind, type UpdateOrganisationInput } from "./schemas";

/**
 * Organisations whose liaisons receive requests: their kind, the routing keys
 * they act on and the platform (shop, seller) they are (docs/liaison-routing.md).
 * Listing them for the user forms needs manage:user:any; creating, reading
 * and changing one needs manage:organisation:any (both are admins').
 */

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrgKind;
  userCount: number;
  /** What it receives (docs/liaison-routing.md). */
  routeKeys: string[];
}

export interface OrganisationDetail extends OrganisationSummary {
  platform: { id: number; name: string; key: string } | null;
  createdAt: Date;
}

const MANAGE = "manage:organisation:any" as const;
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

const detailSelect = {
  id: true,
  name: true,
  kind: true,
  routeKeys: true,
  createdAt: true,
  platform: { select: { id: true, name: true, key: true } },
  _count: { select: { users: true } },
} as const;

type DetailRow = {
  id: string;
  name: string;
  kind: OrgKind;
  routeKeys: string[];
  createdAt: Date;
  platform: { id: number; name: string; key: string } | null;
  _count: { users: number };
};
const detail = ({ _count, ...o }: DetailRow): OrganisationDetail => ({ ...o, userCount: _count.users });

export async function listOrganisations(db: Db, ctx: ServiceContext): Promise<OrganisationSummary[]> {
  assertCan(ctx.actor, "manage:user:any");
  const orgs = await db.organisation.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { users: true } } },
  });
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    userCount: o._count.users,
    routeKeys: o.routeKeys,
  }));
}

export async function getOrganisation(db: Db, ctx: ServiceContext, orgId: string): Promise<OrganisationDetail> {
  assertCan(ctx.actor, MANAGE);
  if (!ID_PATTERN.test(orgId)) throw new NotFoundError("organisation");
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: detailSelect });
  if (!org) throw new NotFoundError("organisation");
  return detail(org);
}

async function assertPlatform(tx: Pick<Db, "platform">, platformId: number | null | undefined) {
  if (platformId == null) return;
  const found = await tx.platform.findUnique({ where: { id: platformId }, select: { id: true } });
  if (!found) throw new NotFoundError("platform");
}

export async function createOrganisation(
  db: Db,
  ctx: ServiceContext,
  input: CreateOrganisationInput,
): Promise<OrganisationSummary> {
  assertCan(ctx.actor, MANAGE);
  try {
    return await db.$transaction(async (tx) => {
      await assertPlatform(tx, input.platformId);
      const org = await tx.organisation.create({
        data: {
          name: input.name,
          kind: input.kind,
          routeKeys: input.routeKeys ?? [],
          platformId: input.platformId ?? null,
        },
      });
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "organisation.create",
        resourceType: "organisation",
        resourceId: org.id,
        ip: ctx.ip,
        detail: { name: org.name, kind: org.kind, routeKeys: org.routeKeys, platformId: org.platformId },
      });
      return { id: org.id, name: org.name, kind: org.kind, userCount: 0, routeKeys: org.routeKeys };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserRuleError("orgNameTaken");
    throw e;
  }
}

/**
 * Change an organisation's name, kind, linked platform and routing keys.
 * Its liaisons keep their sessions: what they may see is decided per request
 * by their organisation, not by these fields. Audited with what changed.
 */
export async function updateOrganisation(
  db: Db,
  ctx: ServiceContext,
  input: UpdateOrganisationInput,
): Promise<OrganisationDetail> {
  assertCan(ctx.actor, MANAGE);
  if (!ID_PATTERN.test(input.orgId)) throw new NotFoundError("organisation");
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.organisation.findUnique({ where: { id: input.orgId }, select: detailSelect });
      if (!before) throw new NotFoundError("organisation");
      await assertPlatform(tx, input.platformId);
      const after = await tx.organisation.update({
        where: { id: input.orgId },
        data: { name: input.name, kind: input.kind, platformId: input.platformId, routeKeys: input.routeKeys },
        select: detailSelect,
      });
      const was = {
        name: before.name,
        kind: before.kind,
        platformId: before.platform?.id ?? null,
        routeKeys: before.routeKeys,
      };
      const now = {
        name: after.name,
        kind: after.kind,
        platformId: after.platform?.id ?? null,
        routeKeys: after.routeKeys,
      };
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "organisation.update",
        resourceType: "organisation",
        resourceId: after.id,
        ip: ctx.ip,
        detail: { from: was, to: now },
      });
      return detail(after);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserRuleError("orgNameTaken");
    throw e;
  }
}
