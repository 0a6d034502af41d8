import "server-only";
import type { Db } from "@/lib/db/client";
import { assertCan, can, roles, rolePermissions, type ServiceContext } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { caseByNumber } from "../scope";
import { CaseError } from "./errors";
import { Prisma, table } from "@/lib/db/sql";

const U = table("User", "u");

/** Roles whose users may hold a case: those who can work it. */
const assignableRoles = roles.filter((r) => rolePermissions[r].includes("write:case:any"));

/** Assigns the case to an active user who can work cases, or unassigns it (null). */
export async function assignCase(db: Db, ctx: ServiceContext, input: { number: string; assigneeId: string | null }) {
  const { actor, ip } = ctx;
  assertCan(actor, "write:case:any");
  const assigneeId = input.assigneeId || null;
  await db.$transaction(async (tx) => {
    const ref = await caseByNumber(tx, input.number);
    if (assigneeId) {
      const u = await tx.user.findUnique({
        where: { id: assigneeId },
        select: { role: true, disabled: true, orgId: true },
      });
      if (!u || u.disabled || !can({ role: u.role, orgId: u.orgId }, "write:case:any"))
        throw new CaseError("invalidAssignee");
    }
    const c = await tx.case.findUniqueOrThrow({ where: { id: ref.caseId }, select: { assigneeId: true } });
    await tx.case.update({ where: { id: ref.caseId }, data: { assigneeId } });
    await tx.caseEvent.create({
      data: { caseId: ref.caseId, type: "assigned", actorId: actor.id, data: { from: c.assigneeId, to: assigneeId } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "case.assign",
      resourceType: "case",
      resourceId: ref.number,
      ip,
      detail: { from: c.assigneeId, to: assigneeId },
    });
  });
}

/** Staff who can be assigned cases. */
export async function assignableStaff(db: Db, ctx: ServiceContext) {
  assertCan(ctx.actor, "read:case:any");
  // Raw: read on every case page view by staff who may assign.
  return db.$queryRaw<{ id: string; name: string; email: string }[]>(Prisma.sql`
    SELECT ${U.id}, ${U.name}, ${U.email} FROM ${U}
    WHERE NOT ${U.disabled} AND ${U.role}::text = ANY(${assignableRoles}::text[])
    ORDER BY ${U.name}, ${U.email}`);
}
