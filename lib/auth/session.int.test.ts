import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { changeUserRole, setUserDisabled } from "@/lib/users/service";

// The Auth.js session as it would come out of the cookie; the rest is real.
const session = vi.hoisted(() => ({ current: null as null | { uid: string; sv: number } }));
vi.mock("./config", () => ({ auth: async () => session.current }));

const { getCurrentUser, requireUser } = await import("./current-user");
const { loadSessionUser } = await import("./session");

async function makeUser(role: "admin" | "investigator" | "liaison", orgId?: string) {
  return (await db()).user.create({
    data: { email: `session-${randomUUID()}@example.test`, role, orgId, passwordHash: "x" },
  });
}

/** Signs in: the cookie carries the user id and the sessionVersion of that moment. */
function signInAs(user: { id: string; sessionVersion: number }) {
  session.current = { uid: user.id, sv: user.sessionVersion };
}

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await (await db()).$disconnect();
});

describe("getCurrentUser / requireUser", () => {
  it("loads the user fresh, with the role's permissions", async () => {
    const inv = await makeUser("investigator");
    signInAs(inv);
    const user = await getCurrentUser();
    expect(user).toMatchObject({ id: inv.id, role: "investigator", orgId: null });
    expect(user?.permissions).toContain("read:case:any");
    expect(await requireUser("read:case:any")).toMatchObject({ id: inv.id });
    await expect(requireUser("manage:user:any")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("without a session: null, and requireUser throws UnauthenticatedError (401)", async () => {
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
    session.current = { uid: randomUUID(), sv: 1 };
    expect(await getCurrentUser()).toBeNull();
  });

  it("disabling a user rejects their session on the next request, and re-enabling does not revive it", async () => {
    const admin = await makeUser("admin");
    const inv = await makeUser("investigator");
    const client = await db();
    signInAs(inv);
    expect(await getCurrentUser()).not.toBeNull();

    await setUserDisabled(
      client,
      { actor: { id: admin.id, role: "admin", orgId: null } },
      { userId: inv.id, disabled: true },
    );
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser("read:case:any")).rejects.toBeInstanceOf(UnauthenticatedError);

    await setUserDisabled(
      client,
      { actor: { id: admin.id, role: "admin", orgId: null } },
      { userId: inv.id, disabled: false },
    );
    expect(await getCurrentUser()).toBeNull();
    const fresh = await client.user.findUniqueOrThrow({ where: { id: inv.id } });
    signInAs(fresh);
    expect(await getCurrentUser()).toMatchObject({ id: inv.id });
  });

  it("a role change ends the old session; the next sign-in carries the new role", async () => {
    const admin = await makeUser("admin");
    const inv = await makeUser("investigator");
    const client = await db();
    const org = await client.organisation.create({ data: { name: `Session Org ${randomUUID()}`, kind: "bank" } });
    signInAs(inv);
    await changeUserRole(
      client,
      { actor: { id: admin.id, role: "admin", orgId: null } },
      { userId: inv.id, role: "liaison", orgId: org.id },
    );
    expect(await getCurrentUser()).toBeNull();

    signInAs(await client.user.findUniqueOrThrow({ where: { id: inv.id } }));
    const now = await getCurrentUser();
    expect(now).toMatchObject({ role: "liaison", orgId: org.id, orgName: org.name });
    await expect(requireUser("read:case:any")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await requireUser("read:request:own-org")).toMatchObject({ id: inv.id });
  });

  it("a change made directly in the database (sessionVersion bump) is honoured too", async () => {
    const inv = await makeUser("investigator");
    const client = await db();
    expect(await loadSessionUser(client, { uid: inv.id, sv: inv.sessionVersion })).not.toBeNull();
    await client.user.update({ where: { id: inv.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser(client, { uid: inv.id, sv: inv.sessionVersion })).toBeNull();
  });
});
