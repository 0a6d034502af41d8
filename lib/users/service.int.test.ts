import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import {
  UserRuleError,
  changeUserRole,
  createOrganisation,
  createUser,
  endUserSessions,
  getUser,
  listUserSessions,
  listOrganisations,
  listUsers,
  resetUserPassword,
  setUserDisabled,
} from "./service";

const email = (p: string) => `${p}-${randomUUID()}@example.test`;

async function actorOf(role: "admin" | "investigator" | "liaison"): Promise<Actor> {
  const client = await db();
  const org =
    role === "liaison"
      ? await client.organisation.create({ data: { name: `Org ${randomUUID()}`, kind: "platform" } })
      : null;
  const u = await client.user.create({ data: { email: email(role), role, orgId: org?.id, passwordHash: "x" } });
  return { id: u.id, role: u.role, orgId: u.orgId };
}

async function auditFor(resourceId: string) {
  return (await db()).auditEvent.findMany({ where: { resourceId }, orderBy: { id: "asc" } });
}

afterAll(async () => {
  await (await db()).$disconnect();
});

describe("permission checks inside the service", () => {
  it("investigators and liaisons can call none of it", async () => {
    const client = await db();
    for (const role of ["investigator", "liaison"] as const) {
      const ctx = { actor: await actorOf(role) };
      await expect(listUsers(client, ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listOrganisations(client, ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getUser(client, ctx, ctx.actor.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createUser(client, ctx, { email: email("x"), name: "", role: "admin" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(createOrganisation(client, ctx, { name: `X ${randomUUID()}`, kind: "bank" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(setUserDisabled(client, ctx, { userId: ctx.actor.id, disabled: true })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(changeUserRole(client, ctx, { userId: ctx.actor.id, role: "admin" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(resetUserPassword(client, ctx, { userId: ctx.actor.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listUserSessions(client, ctx, ctx.actor.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(endUserSessions(client, ctx, { userId: ctx.actor.id })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await client.user.count({ where: { role: "admin", email: { startsWith: "x-" } } })).toBe(0);
  });
});

describe("user management by an admin", () => {
  it("creates organisations and users, audited, and refuses duplicates", async () => {
    const client = await db();
    const admin = await actorOf("admin");
    const ctx = { actor: admin, ip: "203.0.113.7" };
    const org = await createOrganisation(client, ctx, { name: `JD Security ${randomUUID()}`, kind: "platform" });
    await expect(createOrganisation(client, ctx, { name: org.name, kind: "bank" })).rejects.toMatchObject({
      code: "orgNameTaken",
    });

    const liaisonEmail = email("liaison");
    const created = await createUser(client, ctx, {
      email: liaisonEmail,
      name: "Zhao",
      role: "liaison",
      orgId: org.id,
    });
    expect(created.user).toMatchObject({
      email: liaisonEmail,
      role: "liaison",
      orgId: org.id,
      orgName: org.name,
      disabled: false,
    });
    expect(created.generatedPassword).toMatch(/^[\w-]{23}$/);
    const stored = await client.user.findUniqueOrThrow({ where: { id: created.user.id } });
    expect(await verifyPassword(stored.passwordHash, created.generatedPassword!)).toBe(true);

    await expect(
      createUser(client, ctx, { email: liaisonEmail, name: "", role: "investigator" }),
    ).rejects.toMatchObject({ code: "emailTaken" });
    await expect(createUser(client, ctx, { email: email("l2"), name: "", role: "liaison" })).rejects.toMatchObject({
      code: "orgRequired",
    });
    await expect(
      createUser(client, ctx, { email: email("l3"), name: "", role: "liaison", orgId: randomUUID() }),
    ).rejects.toBeInstanceOf(UserRuleError);

    // Staff never keep an organisation, and a typed password is not returned.
    const inv = await createUser(client, ctx, {
      email: email("inv"),
      name: "",
      role: "investigator",
      orgId: org.id,
      password: "typed-password-1234",
    });
    expect(inv).toMatchObject({ generatedPassword: null, user: { orgId: null } });

    const [orgAudit] = await auditFor(org.id);
    expect(orgAudit).toMatchObject({
      actorId: admin.id,
      action: "organisation.create",
      resourceType: "organisation",
      ip: "203.0.113.7",
    });
    const [userAudit] = await auditFor(created.user.id);
    expect(userAudit).toMatchObject({
      actorId: admin.id,
      action: "user.create",
      detail: { email: liaisonEmail, role: "liaison", orgId: org.id },
    });
    expect(JSON.stringify(await auditFor(inv.user.id))).not.toContain("typed-password-1234");

    const users = await listUsers(client, ctx);
    expect(users.find((u) => u.id === created.user.id)).toMatchObject({ orgName: org.name });
    expect((await listOrganisations(client, ctx)).find((o) => o.id === org.id)).toMatchObject({ userCount: 1 });
    await expect(getUser(client, ctx, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("disable, role change and password reset end the user's sessions (enable does not), all audited", async () => {
    const client = await db();
    const admin = await actorOf("admin");
    const ctx = { actor: admin };
    const { user } = await createUser(client, ctx, { email: email("target"), name: "", role: "investigator" });
    /** Opens a session as a sign-in would, and returns a check of whether it is still open. */
    const open = async () => {
      const stored = await client.user.findUniqueOrThrow({ where: { id: user.id } });
      const s = (await createSession(client, stored, { ip: "192.0.2.1" }))!;
      return async () => {
        const row = await client.session.findUniqueOrThrow({ where: { id: s.id } });
        return row.revokedAt ? row.revokedReason : "open";
      };
    };

    let state = await open();
    expect(await setUserDisabled(client, ctx, { userId: user.id, disabled: true })).toMatchObject({ disabled: true });
    expect(await state()).toBe("disabled");
    // A disabled account cannot open a session at all.
    const disabled = await client.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await createSession(client, disabled, { ip: "192.0.2.1" })).toBeNull();
    expect(await setUserDisabled(client, ctx, { userId: user.id, disabled: false })).toMatchObject({ disabled: false });
    state = await open();

    const org = await createOrganisation(client, ctx, { name: `Bank ${randomUUID()}`, kind: "bank" });
    await expect(changeUserRole(client, ctx, { userId: user.id, role: "liaison" })).rejects.toMatchObject({
      code: "orgRequired",
    });
    expect(await changeUserRole(client, ctx, { userId: user.id, role: "liaison", orgId: org.id })).toMatchObject({
      role: "liaison",
      orgId: org.id,
    });
    expect(await state()).toBe("role-change");
    expect(await changeUserRole(client, ctx, { userId: user.id, role: "investigator", orgId: org.id })).toMatchObject({
      orgId: null,
    });

    state = await open();
    // A sign-in whose password check passed just before a reset gets no session after it.
    const before = await client.user.findUniqueOrThrow({ where: { id: user.id } });
    const reset = await resetUserPassword(client, ctx, { userId: user.id, password: "brand-new-password-1" });
    expect(reset.generatedPassword).toBeNull();
    expect(await state()).toBe("password-reset");
    expect(await createSession(client, before, { ip: "192.0.2.1" })).toBeNull();
    const stored = await client.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, "brand-new-password-1")).toBe(true);

    expect((await auditFor(user.id)).map((a) => a.action)).toEqual([
      "user.create",
      "user.disable",
      "user.enable",
      "user.role.change",
      "user.role.change",
      "user.password.reset",
    ]);
    const roleChange = (await auditFor(user.id))[3]!;
    expect(roleChange.detail).toMatchObject({
      from: { role: "investigator", orgId: null },
      to: { role: "liaison", orgId: org.id },
    });
  });

  it("lists a user's open sessions and ends them all (sign out everywhere), audited; the account stays usable", async () => {
    const client = await db();
    const admin = await actorOf("admin");
    const ctx = { actor: admin, ip: "203.0.113.9" };
    const { user } = await createUser(client, ctx, { email: email("roaming"), name: "", role: "investigator" });
    const stored = await client.user.findUniqueOrThrow({ where: { id: user.id } });
    const phone = (await createSession(client, stored, { ip: "198.51.100.4", userAgent: "Phone browser" }))!;
    const laptop = (await createSession(client, stored, { ip: "198.51.100.5", userAgent: "Laptop browser" }))!;
    const other = (await createSession(client, await client.user.findUniqueOrThrow({ where: { id: admin.id } }), {
      ip: "198.51.100.6",
    }))!;

    const listed = await listUserSessions(client, ctx, user.id);
    expect(listed.map((s) => s.id).sort()).toEqual([phone.id, laptop.id].sort());
    expect(listed.find((s) => s.id === phone.id)).toMatchObject({ userAgent: "Phone browser" });
    expect(listed[0]!.addressTag).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(listed)).not.toContain("198.51.100.4");

    expect(await endUserSessions(client, ctx, { userId: user.id })).toEqual({ ended: 2 });
    expect(await listUserSessions(client, ctx, user.id)).toEqual([]);
    const rows = await client.session.findMany({ where: { id: { in: [phone.id, laptop.id, other.id] } } });
    expect(rows.map((r) => [r.id, r.revokedReason]).sort()).toEqual(
      [
        [phone.id, "admin"],
        [laptop.id, "admin"],
        [other.id, null],
      ].sort(),
    );
    const audit = (await auditFor(user.id)).find((a) => a.action === "user.sessions.end");
    expect(audit).toMatchObject({ actorId: admin.id, ip: "203.0.113.9", detail: { sessions: 2 } });
    expect((await client.user.findUniqueOrThrow({ where: { id: user.id } })).disabled).toBe(false);
    await expect(endUserSessions(client, ctx, { userId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("admins cannot lock themselves out, and the last active admin stays", async () => {
    const client = await db();
    const admin = await actorOf("admin");
    const ctx = { actor: admin };
    await expect(setUserDisabled(client, ctx, { userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: "cannotChangeSelf",
    });
    await expect(changeUserRole(client, ctx, { userId: admin.id, role: "investigator" })).rejects.toMatchObject({
      code: "cannotChangeSelf",
    });

    // Make `other` the only active admin besides the actor, then try removing both.
    const other = (await createUser(client, ctx, { email: email("other-admin"), name: "", role: "admin" })).user;
    const otherAdmins = await client.user.findMany({
      where: { role: "admin", disabled: false, id: { notIn: [admin.id, other.id] } },
    });
    await client.$transaction(
      otherAdmins.map((a) => client.user.update({ where: { id: a.id }, data: { disabled: true } })),
    );
    try {
      // `other` may go: the actor is still an active admin.
      await setUserDisabled(client, ctx, { userId: other.id, disabled: true });
      // Now the actor is the last one; another admin cannot remove them.
      const otherCtx = { actor: { id: other.id, role: "admin" as const, orgId: null } };
      await expect(setUserDisabled(client, otherCtx, { userId: admin.id, disabled: true })).rejects.toMatchObject({
        code: "lastAdmin",
      });
      await expect(changeUserRole(client, otherCtx, { userId: admin.id, role: "investigator" })).rejects.toMatchObject({
        code: "lastAdmin",
      });
    } finally {
      await client.$transaction(
        otherAdmins.map((a) => client.user.update({ where: { id: a.id }, data: { disabled: false } })),
      );
    }
  });
});
