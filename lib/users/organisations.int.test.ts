/** Organisations' kinds, routing keys and linked platform (issue 9, "Organisations and routing"). */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor, Role } from "@/lib/auth/permissions";
import { UserRuleError, createOrganisation, getOrganisation, updateOrganisation } from "./service";

afterAll(async () => (await db()).$disconnect());

async function actorOf(role: Role): Promise<Actor> {
  const u = await (
    await db()
  ).user.create({ data: { email: `${role}-${randomUUID()}@example.test`, role, passwordHash: "x" } });
  return { id: u.id, role: u.role, orgId: u.orgId };
}

async function platform() {
  const name = `Seller ${randomUUID().slice(0, 8)}`;
  return (await db()).platform.create({ data: { key: name.toLowerCase(), name }, select: { id: true, name: true } });
}

describe("updateOrganisation", () => {
  it("sets kind, name, linked platform and routing keys, audited with what changed", async () => {
    const client = await db();
    const ctx = { actor: await actorOf("admin"), ip: "198.51.100.4" };
    const org = await createOrganisation(client, ctx, { name: `Org ${randomUUID()}`, kind: "other" });
    expect(org).toMatchObject({ kind: "other", routeKeys: [], userCount: 0 });
    const p = await platform();
    const name = `Merchants ${randomUUID()}`;
    const updated = await updateOrganisation(client, ctx, {
      orgId: org.id,
      name,
      kind: "bank",
      platformId: p.id,
      routeKeys: ["bank:CMB", "platform:jd.com"],
    });
    expect(updated).toMatchObject({ id: org.id, name, kind: "bank", routeKeys: ["bank:CMB", "platform:jd.com"] });
    expect(updated.platform).toMatchObject({ id: p.id, name: p.name });
    expect(await getOrganisation(client, ctx, org.id)).toEqual(updated);

    const cleared = await updateOrganisation(client, ctx, {
      orgId: org.id,
      name,
      kind: "bank",
      platformId: null,
      routeKeys: [],
    });
    expect(cleared).toMatchObject({ platform: null, routeKeys: [] });

    const audit = await client.auditEvent.findMany({
      where: { resourceType: "organisation", resourceId: org.id, action: "organisation.update" },
      orderBy: { id: "asc" },
      select: { actorId: true, ip: true, detail: true },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toEqual({
      actorId: ctx.actor.id,
      ip: "198.51.100.4",
      detail: {
        from: { name: org.name, kind: "other", platformId: null, routeKeys: [] },
        to: { name, kind: "bank", platformId: p.id, routeKeys: ["bank:CMB", "platform:jd.com"] },
      },
    });
  });

  it("refuses a taken name, an unknown platform or organisation, and everyone but admins", async () => {
    const client = await db();
    const ctx = { actor: await actorOf("admin") };
    const a = await createOrganisation(client, ctx, { name: `A ${randomUUID()}`, kind: "bank" });
    const b = await createOrganisation(client, ctx, { name: `B ${randomUUID()}`, kind: "bank" });
    const base = { orgId: b.id, name: b.name, kind: "bank" as const, platformId: null, routeKeys: ["bank:ICBC"] };
    await expect(updateOrganisation(client, ctx, { ...base, name: a.name })).rejects.toBeInstanceOf(UserRuleError);
    await expect(updateOrganisation(client, ctx, { ...base, platformId: 2_000_000_000 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    for (const orgId of [randomUUID(), "nope"]) {
      await expect(updateOrganisation(client, ctx, { ...base, orgId })).rejects.toBeInstanceOf(NotFoundError);
      await expect(getOrganisation(client, ctx, orgId)).rejects.toBeInstanceOf(NotFoundError);
    }
    for (const role of ["investigator", "analyst", "liaison"] as const) {
      const other = { actor: await actorOf(role) };
      await expect(updateOrganisation(client, other, base)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getOrganisation(client, other, b.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        createOrganisation(client, other, { name: `C ${randomUUID()}`, kind: "bank" }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await getOrganisation(client, ctx, b.id)).toMatchObject({ name: b.name, routeKeys: [] });
  });

  it("creates with routing keys and a platform when given (scripts)", async () => {
    const client = await db();
    const ctx = { actor: await actorOf("admin") };
    const p = await platform();
    const org = await createOrganisation(client, ctx, {
      name: `Shop ${randomUUID()}`,
      kind: "platform",
      routeKeys: ["company:alipay"],
      platformId: p.id,
    });
    expect(await getOrganisation(client, ctx, org.id)).toMatchObject({
      routeKeys: ["company:alipay"],
      platform: { id: p.id },
    });
  });
});
