import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { changeUserRole, setUserDisabled } from "@/lib/users/service";
import { createSession, findLiveSession, hashToken, pruneSessions } from "./sessions";
import { signOutEverywhere, signOutSession } from "./sign-out";

// The Auth.js session as it would come out of the cookie; the rest is real.
const session = vi.hoisted(() => ({ current: null as null | { sid: string } }));
vi.mock("./config", () => ({ auth: async () => session.current }));

const { getCurrentUser, requireUser } = await import("./current-user");
const { loadSessionUser } = await import("./session");

async function makeUser(role: "admin" | "investigator" | "liaison", orgId?: string) {
  return (await db()).user.create({
    data: { email: `session-${randomUUID()}@example.test`, role, orgId, passwordHash: "x" },
  });
}

/** Signs in as the sign-in action would: a new Session row, its token in the cookie. Returns the token. */
async function signInAs(user: { id: string }, at = new Date()): Promise<string> {
  const client = await db();
  const stored = await client.user.findUniqueOrThrow({ where: { id: user.id } });
  const s = await createSession(client, stored, { ip: "192.0.2.10", userAgent: "test" }, at);
  session.current = { sid: s!.token };
  return s!.token;
}

const asAdmin = (admin: { id: string }) => ({ actor: { id: admin.id, role: "admin" as const, orgId: null } });

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await (await db()).$disconnect();
});

describe("getCurrentUser / requireUser", () => {
  it("loads the user fresh, with the role's permissions and the session's id", async () => {
    const inv = await makeUser("investigator");
    const token = await signInAs(inv);
    const user = await getCurrentUser();
    const row = await (await db()).session.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(user).toMatchObject({ id: inv.id, role: "investigator", orgId: null, sessionId: row.id });
    expect(user?.permissions).toContain("read:case:any");
    expect(await requireUser("read:case:any")).toMatchObject({ id: inv.id });
    await expect(requireUser("manage:user:any")).rejects.toBeInstanceOf(ForbiddenError);
    // Only the token's hash is stored.
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("without a session, or with a token no session has: null, and requireUser throws UnauthenticatedError (401)", async () => {
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthenticatedError);
    session.current = { sid: randomUUID() + randomUUID() };
    expect(await getCurrentUser()).toBeNull();
    // Old cookies (user id and sessionVersion, before ADR 0008) name no session.
    expect(await loadSessionUser(await db(), null)).toBeNull();
  });

  it("after sign-out a copy of the cookie is refused; the user's other sessions stay", async () => {
    const inv = await makeUser("investigator");
    const client = await db();
    const other = await signInAs(inv);
    const copied = await signInAs(inv);
    const user = (await getCurrentUser())!;
    await signOutSession(client, { actor: user, ip: "192.0.2.10", sessionId: user.sessionId });

    expect(await loadSessionUser(client, { sid: copied })).toBeNull();
    expect(await loadSessionUser(client, { sid: other })).toMatchObject({ id: inv.id });
    const audit = await client.auditEvent.findFirstOrThrow({ where: { action: "auth.logout", actorId: inv.id } });
    expect(audit.detail).toMatchObject({ sessionId: user.sessionId });
  });

  it("sign out everywhere ends every session of the user and nobody else's", async () => {
    const inv = await makeUser("investigator");
    const colleague = await makeUser("investigator");
    const client = await db();
    const theirs = await signInAs(colleague);
    const phone = await signInAs(inv);
    const laptop = await signInAs(inv);
    const user = (await getCurrentUser())!;
    expect(await signOutEverywhere(client, { actor: user, sessionId: user.sessionId })).toBe(2);

    expect(await loadSessionUser(client, { sid: phone })).toBeNull();
    expect(await loadSessionUser(client, { sid: laptop })).toBeNull();
    expect(await loadSessionUser(client, { sid: theirs })).toMatchObject({ id: colleague.id });
    const audit = await client.auditEvent.findFirstOrThrow({
      where: { action: "auth.logout.everywhere", actorId: inv.id },
    });
    expect(audit.detail).toMatchObject({ sessions: 2 });
  });

  it("disabling a user rejects their session on the next request, and re-enabling does not revive it", async () => {
    const admin = await makeUser("admin");
    const inv = await makeUser("investigator");
    const client = await db();
    await signInAs(inv);
    expect(await getCurrentUser()).not.toBeNull();

    await setUserDisabled(client, asAdmin(admin), { userId: inv.id, disabled: true });
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser("read:case:any")).rejects.toBeInstanceOf(UnauthenticatedError);

    await setUserDisabled(client, asAdmin(admin), { userId: inv.id, disabled: false });
    expect(await getCurrentUser()).toBeNull();
    await signInAs(inv);
    expect(await getCurrentUser()).toMatchObject({ id: inv.id });
  });

  it("a disabled flag set directly in the database is honoured too", async () => {
    const inv = await makeUser("investigator");
    const client = await db();
    const token = await signInAs(inv);
    await client.user.update({ where: { id: inv.id }, data: { disabled: true } });
    expect(await loadSessionUser(client, { sid: token })).toBeNull();
  });

  it("a role change ends the old session; the next sign-in carries the new role", async () => {
    const admin = await makeUser("admin");
    const inv = await makeUser("investigator");
    const client = await db();
    const org = await client.organisation.create({ data: { name: `Session Org ${randomUUID()}`, kind: "bank" } });
    await signInAs(inv);
    await changeUserRole(client, asAdmin(admin), { userId: inv.id, role: "liaison", orgId: org.id });
    expect(await getCurrentUser()).toBeNull();

    await signInAs(inv);
    const now = await getCurrentUser();
    expect(now).toMatchObject({ role: "liaison", orgId: org.id, orgName: org.name });
    await expect(requireUser("read:case:any")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await requireUser("read:request:own-org")).toMatchObject({ id: inv.id });
  });
});

describe("session limits", () => {
  const hours = (n: number) => n * 3600_000;
  const minutes = (n: number) => n * 60_000;

  it("ends SESSION_MAX_AGE_HOURS (12) after sign-in however busy it was", async () => {
    const inv = await makeUser("investigator");
    const client = await db();
    const start = new Date(Date.now() - hours(12) + minutes(2));
    const token = await signInAs(inv, start);
    // Used every 30 minutes until now: never idle.
    for (let t = start.getTime() + minutes(30); t < Date.now(); t += minutes(30)) {
      expect(await findLiveSession(client, token, new Date(t))).not.toBeNull();
    }
    expect(await findLiveSession(client, token, new Date(start.getTime() + hours(12) + 1))).toBeNull();
  });

  it("ends after SESSION_IDLE_MINUTES (60) without a request; each request moves the idle limit", async () => {
    const inv = await makeUser("investigator");
    const client = await db();
    const start = new Date(Date.now() - hours(3));
    const token = await signInAs(inv, start);
    const at = (m: number) => new Date(start.getTime() + minutes(m));
    expect(await findLiveSession(client, token, at(59))).not.toBeNull();
    expect(await findLiveSession(client, token, at(118))).not.toBeNull();
    expect(await findLiveSession(client, token, at(178) /* 60 min after the last use */)).toBeNull();
  });

  it("pruning deletes sessions ended over a day ago and keeps open and recently ended ones", async () => {
    const inv = await makeUser("investigator");
    const client = await db();
    const old = await signInAs(inv, new Date(Date.now() - hours(40)));
    const recent = await signInAs(inv, new Date(Date.now() - hours(13)));
    const live = await signInAs(inv);
    await pruneSessions(client);
    const left = await client.session.findMany({ where: { userId: inv.id }, select: { tokenHash: true } });
    expect(left.map((s) => s.tokenHash).sort()).toEqual([hashToken(recent), hashToken(live)].sort());
    expect(left).not.toContainEqual({ tokenHash: hashToken(old) });
  });
});
