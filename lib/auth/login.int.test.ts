import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { verifyLogin } from "./login";
import { hashPassword } from "./password";
import { LOGIN_ACCOUNT_BUCKET, accountKey } from "./throttle";

const PASSWORD = "integration-password-1";
let hashed: Promise<string> | undefined;

async function makeUser(opts: { disabled?: boolean } = {}) {
  hashed ??= hashPassword(PASSWORD);
  const client = await db();
  return client.user.create({
    data: {
      email: `login-${randomUUID()}@example.test`,
      role: "investigator",
      passwordHash: await hashed,
      disabled: opts.disabled ?? false,
    },
  });
}

const ip = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;

beforeEach(() => {
  process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT = "3";
  process.env.LOGIN_MAX_FAILURES_PER_IP = "5";
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT;
  delete process.env.LOGIN_MAX_FAILURES_PER_IP;
  resetEnvCache();
  await (await db()).$disconnect();
});

describe("verifyLogin", () => {
  it("signs in with the right password (email case and spaces do not matter) and audits it", async () => {
    const user = await makeUser();
    const addr = ip();
    const r = await verifyLogin(await db(), { email: `  ${user.email.toUpperCase()} `, password: PASSWORD, ip: addr });
    expect(r).toEqual({ ok: true, user: { id: user.id, email: user.email, name: "", sessionVersion: 1 } });
    const audit = await (
      await db()
    ).auditEvent.findFirst({ where: { action: "auth.login.success", actorId: user.id } });
    expect(audit).toMatchObject({ resourceType: "user", resourceId: user.id, ip: addr });
  });

  it("refuses wrong passwords, unknown emails and disabled accounts alike, and audits why", async () => {
    const user = await makeUser();
    const disabled = await makeUser({ disabled: true });
    const client = await db();
    const unknown = `nobody-${randomUUID()}@example.test`;
    expect(await verifyLogin(client, { email: user.email, password: "wrong", ip: ip() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyLogin(client, { email: unknown, password: PASSWORD, ip: ip() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyLogin(client, { email: disabled.email, password: PASSWORD, ip: ip() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const failures = await client.auditEvent.findMany({
      where: {
        action: "auth.login.failure",
        OR: [{ resourceId: { in: [user.id, disabled.id] } }, { detail: { path: ["email"], equals: unknown } }],
      },
    });
    expect(failures.map((f) => (f.detail as { reason: string }).reason).sort()).toEqual([
      "disabled",
      "unknown-email",
      "wrong-password",
    ]);
    expect(JSON.stringify(failures)).not.toContain(PASSWORD);
  });

  it("throttles an account after its failures, from any address, even with the right password", async () => {
    const user = await makeUser();
    const client = await db();
    for (let i = 0; i < 3; i++) {
      expect(await verifyLogin(client, { email: user.email, password: `wrong-${i}`, ip: ip() })).toMatchObject({
        reason: "invalid",
      });
    }
    expect(await verifyLogin(client, { email: user.email, password: PASSWORD, ip: ip() })).toEqual({
      ok: false,
      reason: "throttled",
    });
    const throttled = await client.auditEvent.findFirst({
      where: { action: "auth.login.throttled", resourceId: user.id },
    });
    expect(throttled?.detail).toMatchObject({ by: "account" });
    // Another account is not affected.
    const other = await makeUser();
    expect(await verifyLogin(client, { email: other.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
  });

  it("throttles an address after its failures, whatever accounts it tries", async () => {
    const client = await db();
    const addr = ip();
    for (let i = 0; i < 5; i++) {
      const target = await makeUser();
      expect(await verifyLogin(client, { email: target.email, password: "wrong", ip: addr })).toMatchObject({
        reason: "invalid",
      });
    }
    const fresh = await makeUser();
    expect(await verifyLogin(client, { email: fresh.email, password: PASSWORD, ip: addr })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(await verifyLogin(client, { email: fresh.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
  });

  it("failures outside the window no longer count, and a success forgives the account's typos", async () => {
    const user = await makeUser();
    const client = await db();
    const key = accountKey(user.email);
    const old = new Date(Date.now() - 16 * 60_000);
    await client.rateLimitHit.createMany({
      data: Array.from({ length: 3 }, () => ({ bucket: LOGIN_ACCOUNT_BUCKET, key, createdAt: old })),
    });
    expect(await verifyLogin(client, { email: user.email, password: "wrong", ip: ip() })).toMatchObject({
      reason: "invalid",
    });
    expect(await verifyLogin(client, { email: user.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
    expect(await client.rateLimitHit.count({ where: { bucket: LOGIN_ACCOUNT_BUCKET, key } })).toBe(0);
  });

  it("stores only keyed hashes of the email and address", async () => {
    const user = await makeUser();
    const client = await db();
    const addr = ip();
    await verifyLogin(client, { email: user.email, password: "wrong", ip: addr });
    const rows = await client.rateLimitHit.findMany({ where: { bucket: { startsWith: "login-" } } });
    expect(JSON.stringify(rows)).not.toContain(user.email);
    expect(JSON.stringify(rows)).not.toContain(addr);
  });
});
