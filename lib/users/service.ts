import "server-only";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { UserRuleError } from "./errors";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Role, type ServiceContext } from "@/lib/auth/permissions";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { listLiveSessions, revokeUserSessions, type SessionSummary } from "@/lib/auth/sessions";
import type { ChangeRoleInput, CreateUserInput, ResetPasswordInput, SetDisabledInput, UserIdInput } from "./schemas";
import { ID_PATTERN } from "./schemas";

export { UserRuleError } from "./errors";
// Organisations (kinds, routing keys, linked platform): ./organisations.ts.
export {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
  type OrganisationDetail,
  type OrganisationSummary,
} from "./organisations";

export type { ServiceContext } from "@/lib/auth/permissions";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  disabled: boolean;
  createdAt: Date;
}

const PERMISSION = "manage:user:any" as const;

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  orgId: true,
  disabled: true,
  createdAt: true,
  org: { select: { name: true } },
} as const;

function summary(u: { org: { name: string } | null } & Omit<UserSummary, "orgName">): UserSummary {
  const { org, ...rest } = u;
  return { ...rest, orgName: org?.name ?? null };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

export async function listUsers(db: Db, ctx: ServiceContext): Promise<UserSummary[]> {
  assertCan(ctx.actor, PERMISSION);
  const users = await db.user.findMany({ select: userSelect, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
  return users.map(summary);
}

export async function getUser(db: Db, ctx: ServiceContext, userId: string): Promise<UserSummary> {
  assertCan(ctx.actor, PERMISSION);
  if (!ID_PATTERN.test(userId)) throw new NotFoundError("user");
  const user = await db.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!user) throw new NotFoundError("user");
  return summary(user);
}

async function assertOrgExists(db: Pick<Db, "organisation">, orgId: string) {
  if (!ID_PATTERN.test(orgId)) throw new UserRuleError("orgRequired");
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true } });
  if (!org) throw new UserRuleError("orgRequired");
}

/** Creates a user; returns the password when it was generated (shown once, never stored). */
export async function createUser(
  db: Db,
  ctx: ServiceContext,
  input: CreateUserInput,
): Promise<{ user: UserSummary; generatedPassword: string | null }> {
  assertCan(ctx.actor, PERMISSION);
  const orgId = input.role === "liaison" ? (input.orgId ?? null) : null;
  if (input.role === "liaison") {
    if (!orgId) throw new UserRuleError("orgRequired");
    await assertOrgExists(db, orgId);
  }
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, orgId, passwordHash },
        select: userSelect,
      });
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "user.create",
        resourceType: "user",
        resourceId: created.id,
        ip: ctx.ip,
        detail: { email: created.email, role: created.role, orgId, passwordGenerated: !input.password },
      });
      return created;
    });
    return { user: summary(user), generatedPassword: input.password ? null : password };
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserRuleError("emailTaken");
    throw e;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Whether removing `userId` from the active admins would leave none. */
async function wouldLeaveNoAdmin(tx: Tx, userId: string): Promise<boolean> {
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  return others === 0;
}

async function loadTarget(tx: Tx, userId: string) {
  if (!ID_PATTERN.test(userId)) throw new NotFoundError("user");
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, role: true, orgId: true, disabled: true },
  });
  if (!user) throw new NotFoundError("user");
  return user;
}

/**
 * Disable or re-enable an account. Disabling ends the user's open sessions
 * (in the same transaction). Admins cannot disable themselves, nor the last
 * active admin.
 */
export async function setUserDisabled(db: Db, ctx: ServiceContext, input: SetDisabledInput): Promise<UserSummary> {
  assertCan(ctx.actor, PERMISSION);
  if (input.userId === ctx.actor.id) throw new UserRuleError("cannotChangeSelf");
  const user = await db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (input.disabled && target.role === "admin" && !target.disabled && (await wouldLeaveNoAdmin(tx, target.id))) {
      throw new UserRuleError("lastAdmin");
    }
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { disabled: input.disabled },
      select: userSelect,
    });
    if (input.disabled) await revokeUserSessions(tx, target.id, { reason: "disabled" });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: input.disabled ? "user.disable" : "user.enable",
      resourceType: "user",
      resourceId: target.id,
      ip: ctx.ip,
      detail: { email: target.email },
    });
    return updated;
  });
  return summary(user);
}

/**
 * Change a user's role (and a liaison's organisation). Ends their sessions:
 * the user signs in again and gets the new role's access.
 */
export async function changeUserRole(db: Db, ctx: ServiceContext, input: ChangeRoleInput): Promise<UserSummary> {
  assertCan(ctx.actor, PERMISSION);
  if (input.userId === ctx.actor.id) throw new UserRuleError("cannotChangeSelf");
  const orgId = input.role === "liaison" ? (input.orgId ?? null) : null;
  if (input.role === "liaison" && !orgId) throw new UserRuleError("orgRequired");
  const user = await db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    if (orgId) await assertOrgExists(tx, orgId);
    if (
      target.role === "admin" &&
      input.role !== "admin" &&
      !target.disabled &&
      (await wouldLeaveNoAdmin(tx, target.id))
    ) {
      throw new UserRuleError("lastAdmin");
    }
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role, orgId },
      select: userSelect,
    });
    await revokeUserSessions(tx, target.id, { reason: "role-change" });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.role.change",
      resourceType: "user",
      resourceId: target.id,
      ip: ctx.ip,
      detail: {
        email: target.email,
        from: { role: target.role, orgId: target.orgId },
        to: { role: input.role, orgId },
      },
    });
    return updated;
  });
  return summary(user);
}

/**
 * Set a new password (typed by the admin, or generated and returned once).
 * Ends the user's sessions, so sessions opened with the old password end.
 */
export async function resetUserPassword(
  db: Db,
  ctx: ServiceContext,
  input: ResetPasswordInput,
): Promise<{ user: UserSummary; generatedPassword: string | null }> {
  assertCan(ctx.actor, PERMISSION);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { passwordHash },
      select: userSelect,
    });
    await revokeUserSessions(tx, target.id, { reason: "password-reset" });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.password.reset",
      resourceType: "user",
      resourceId: target.id,
      ip: ctx.ip,
      detail: { email: target.email, passwordGenerated: !input.password },
    });
    return updated;
  });
  return { user: summary(user), generatedPassword: input.password ? null : password };
}

/** A user's open sessions (when, which browser, an address fingerprint), for the admin's user page. */
export async function listUserSessions(db: Db, ctx: ServiceContext, userId: string): Promise<SessionSummary[]> {
  assertCan(ctx.actor, PERMISSION);
  if (!ID_PATTERN.test(userId)) throw new NotFoundError("user");
  return listLiveSessions(db, userId);
}

/**
 * "Sign out everywhere" for another user (a lost phone, a leaving employee,
 * a suspected stolen cookie): ends all their open sessions, audited. The
 * account stays usable: they can sign in again with their password.
 */
export async function endUserSessions(db: Db, ctx: ServiceContext, input: UserIdInput): Promise<{ ended: number }> {
  assertCan(ctx.actor, PERMISSION);
  return db.$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    const ended = await revokeUserSessions(tx, target.id, { reason: "admin" });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "user.sessions.end",
      resourceType: "user",
      resourceId: target.id,
      ip: ctx.ip,
      detail: { email: target.email, sessions: ended },
    });
    return { ended };
  });
}
