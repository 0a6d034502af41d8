import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { initialPasswordPath, writeInitialPasswordFile } from "./initial-password";
import { verifyLogin, type LoginAttempt } from "./login";
import { hashPassword } from "./password";
import { hashToken } from "./sessions";
import { LOGIN_ACCOUNT_BUCKET, LOGIN_ACCOUNT_IP_BUCKET, accountKey, pairKey } from "./throttle";

const PASSWORD = "integration-password-1";
let hashed: Promise<string> | undefined;

async function makeUser(opts: { disabled?: boolean; email?: string } = {}) {
  hashed ??= hashPassword(PASSWORD);
  const client = await db();
  return client.user.create({
    data: {
      email: opts.email ?? `login-${randomUUID()}@example.test`,
      role: "investigator",
      passwordHash: await hashed,
      disabled: opts.disabled ?? false,
    },
  });
}

let n = 0;
/** A fresh client address (documentation range plus a counter, unique per test run). */
const ip = () => `192.0.2.${++n % 250}-${randomUUID().slice(0, 6)}`;
const seconds = (s: number) => s * 1000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

const SETTINGS = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: "3",
  LOGIN_MAX_FAILURES_PER_IP: "5",
  LOGIN_ACCOUNT_DELAY_AFTER_FAILURES: "4",
  LOGIN_ACCOUNT_DELAY_BASE_SECONDS: "2",
  LOGIN_ACCOUNT_DELAY_MAX_SECONDS: "16",
};

beforeEach(() => {
  Object.assign(process.env, SETTINGS);
  resetEnvCache();
});

afterAll(async () => {
  for (const k of Object.keys(SETTINGS)) delete process.env[k];
  resetEnvCache();
  await (await db()).$disconnect();
});

async function attempt(a: LoginAttempt, now = new Date()) {
  return verifyLogin(await db(), a, now);
}

describe("verifyLogin", () => {
  it("signs in with the right password (email case and spaces do not matter), opens a session and audits it", async () => {
    const user = await makeUser();
    const addr = ip();
    const r = await attempt({ email: `  ${user.email.toUpperCase()} `, password: PASSWORD, ip: addr, userAgent: "UA" });
    expect(r).toMatchObject({ ok: true, user: { id: user.id, email: user.email, name: "" } });
    if (!r.ok) return;
    const client = await db();
    const session = await client.session.findUniqueOrThrow({ where: { tokenHash: hashToken(r.session.token) } });
    expect(session).toMatchObject({ id: r.session.id, userId: user.id, userAgent: "UA", revokedAt: null });
    const audit = await client.auditEvent.findFirst({ where: { action: "auth.login.success", actorId: user.id } });
    expect(audit).toMatchObject({
      resourceType: "user",
      resourceId: user.id,
      ip: addr,
      detail: { sessionId: session.id },
    });
  });

  it("refuses wrong passwords, unknown emails and disabled accounts alike, opens no session, and audits why", async () => {
    const user = await makeUser();
    const disabled = await makeUser({ disabled: true });
    const client = await db();
    const unknown = `nobody-${randomUUID()}@example.test`;
    expect(await attempt({ email: user.email, password: "wrong", ip: ip() })).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt({ email: unknown, password: PASSWORD, ip: ip() })).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt({ email: disabled.email, password: PASSWORD, ip: ip() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await client.session.count({ where: { userId: { in: [user.id, disabled.id] } } })).toBe(0);
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
});

describe("throttling", () => {
  it("per (account, address): that address is refused for that account, with the right password too; others are not", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const addr = ip();
    const now = new Date();
    for (let i = 0; i < 3; i++) {
      expect(await attempt({ email: user.email, password: `wrong-${i}`, ip: addr }, now)).toMatchObject({
        reason: "invalid",
      });
    }
    const refused = await attempt({ email: user.email, password: PASSWORD, ip: addr }, now);
    expect(refused).toMatchObject({ ok: false, reason: "throttled", throttled: { by: "account-ip" } });
    // Until the first failure leaves the 15-minute window.
    if (refused.ok || refused.reason !== "throttled") return;
    expect(refused.throttled.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.throttled.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // The same address may still sign in to another account, and the owner from elsewhere.
    expect(await attempt({ email: other.email, password: PASSWORD, ip: addr }, now)).toMatchObject({ ok: true });
    expect(await attempt({ email: user.email, password: PASSWORD, ip: ip() }, now)).toMatchObject({ ok: true });
  });

  it("per address: after its failures on any accounts, the address is refused for every account", async () => {
    const addr = ip();
    for (let i = 0; i < 5; i++) {
      const target = await makeUser();
      expect(await attempt({ email: target.email, password: "wrong", ip: addr })).toMatchObject({ reason: "invalid" });
    }
    const fresh = await makeUser();
    expect(await attempt({ email: fresh.email, password: PASSWORD, ip: addr })).toMatchObject({
      reason: "throttled",
      throttled: { by: "ip" },
    });
    expect(await attempt({ email: fresh.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
  });

  it("per account: after 4 failures from anywhere, attempts from new addresses wait 2, 4, 8, 16, 16… seconds", async () => {
    const user = await makeUser();
    const t0 = new Date(Date.now() - seconds(600));
    let now = t0;
    // A distributed attack: every attempt from another address, so no address limit applies.
    for (let i = 0; i < 4; i++) {
      expect(await attempt({ email: user.email, password: "guess", ip: ip() }, now)).toMatchObject({
        reason: "invalid",
      });
    }
    for (const delay of [2, 4, 8, 16, 16]) {
      const early = await attempt({ email: user.email, password: PASSWORD, ip: ip() }, at(now, seconds(delay) - 500));
      expect(early).toEqual({ ok: false, reason: "throttled", throttled: { by: "account", retryAfterSeconds: 1 } });
      now = at(now, seconds(delay));
      expect(await attempt({ email: user.email, password: "guess", ip: ip() }, now)).toMatchObject({
        reason: "invalid",
      });
    }
    // Refused attempts were not checked and did not count: 9 failures in all.
    const failures = await (
      await db()
    ).rateLimitHit.count({ where: { bucket: LOGIN_ACCOUNT_BUCKET, key: accountKey(user.email) } });
    expect(failures).toBe(9);
    // Once the delay has passed, the right password from a new address works.
    expect(await attempt({ email: user.email, password: PASSWORD, ip: ip() }, at(now, seconds(16)))).toMatchObject({
      ok: true,
    });
  });

  it("the owner signs in from their usual address while the account is attacked from elsewhere", async () => {
    const user = await makeUser();
    const home = ip();
    const t0 = new Date(Date.now() - seconds(300));
    expect(await attempt({ email: user.email, password: PASSWORD, ip: home }, t0)).toMatchObject({ ok: true });

    // A botnet tries the account every second for 40 seconds, each time from another
    // address. The delay lets through guesses at 1, 2, 3, 4, 6, 10, 18 and 34 s.
    let now = t0;
    let checked = 0;
    for (let t = 1; t <= 40; t++) {
      now = at(t0, seconds(t));
      const r = await attempt({ email: user.email, password: `guess-${t}`, ip: ip() }, now);
      if (!r.ok && r.reason === "invalid") checked++;
    }
    expect(checked).toBe(8);
    // The account is under its longest delay: a new address is refused even with the right password…
    expect(await attempt({ email: user.email, password: PASSWORD, ip: ip() }, now)).toMatchObject({
      reason: "throttled",
      throttled: { by: "account" },
    });
    // …but the owner, from home, at the same moment, gets in.
    const owner = await attempt({ email: user.email, password: PASSWORD, ip: home }, now);
    expect(owner).toMatchObject({ ok: true, user: { id: user.id } });
    // And that does not lift the delay for the attacker.
    expect(await attempt({ email: user.email, password: PASSWORD, ip: ip() }, at(now, seconds(1)))).toMatchObject({
      reason: "throttled",
    });
    // A typo at home is forgiven by the next success there, not by anyone else's.
    expect(await attempt({ email: user.email, password: "typo", ip: home }, at(now, seconds(2)))).toMatchObject({
      reason: "invalid",
    });
    expect(await attempt({ email: user.email, password: PASSWORD, ip: home }, at(now, seconds(3)))).toMatchObject({
      ok: true,
    });
    const client = await db();
    expect(
      await client.rateLimitHit.count({ where: { bucket: LOGIN_ACCOUNT_IP_BUCKET, key: pairKey(user.email, home) } }),
    ).toBe(0);
  });

  it("a burst of parallel attempts after the delay gets one password check, not many", async () => {
    const user = await makeUser();
    const t0 = new Date(Date.now() - seconds(300));
    for (let i = 0; i < 4; i++) await attempt({ email: user.email, password: "guess", ip: ip() }, t0);
    const later = at(t0, seconds(3));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => attempt({ email: user.email, password: "guess", ip: ip() }, later)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(7);
  });

  it("throttled attempts are audited once a minute per account and reason, not once per attempt", async () => {
    const user = await makeUser();
    const addr = ip();
    const client = await db();
    const now = new Date();
    for (let i = 0; i < 3; i++) await attempt({ email: user.email, password: "wrong", ip: addr }, now);
    for (let i = 0; i < 5; i++) await attempt({ email: user.email, password: "wrong", ip: addr }, now);
    const audited = () => client.auditEvent.count({ where: { action: "auth.login.throttled", resourceId: user.id } });
    expect(await audited()).toBe(1);
    const first = await client.auditEvent.findFirstOrThrow({
      where: { action: "auth.login.throttled", resourceId: user.id },
    });
    expect(first.detail).toMatchObject({ by: "account-ip" });
    await attempt({ email: user.email, password: "wrong", ip: addr }, at(now, seconds(61)));
    expect(await audited()).toBe(2);
  });

  it("failures outside the window no longer count against the address", async () => {
    const user = await makeUser();
    const addr = ip();
    const old = new Date(Date.now() - 16 * 60_000);
    for (let i = 0; i < 3; i++) await attempt({ email: user.email, password: "wrong", ip: addr }, old);
    expect(await attempt({ email: user.email, password: PASSWORD, ip: addr })).toMatchObject({ ok: true });
  });

  it("stores only keyed hashes of the email and address", async () => {
    const user = await makeUser();
    const client = await db();
    const addr = ip();
    await attempt({ email: user.email, password: "wrong", ip: addr });
    await attempt({ email: user.email, password: PASSWORD, ip: addr });
    const rows = await client.rateLimitHit.findMany({ where: { bucket: { startsWith: "login-" } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(user.email);
    expect(JSON.stringify(rows)).not.toContain(addr);
    const sessions = await client.session.findMany({ where: { userId: user.id } });
    expect(JSON.stringify(sessions)).not.toContain(addr);
  });
});

describe("the first administrator's password file", () => {
  it("is removed by that admin's first successful sign-in, and not by a failure or another user's", async () => {
    const admin = await makeUser({ email: `first-admin-${randomUUID()}@example.test` });
    const someone = await makeUser();
    const file = writeInitialPasswordFile(admin.email, PASSWORD);
    expect(file).toBe(initialPasswordPath());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    await attempt({ email: someone.email, password: PASSWORD, ip: ip() });
    await attempt({ email: admin.email, password: "wrong", ip: ip() });
    expect(fs.existsSync(file)).toBe(true);
    expect(await attempt({ email: admin.email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
    expect(fs.existsSync(file)).toBe(false);
  });
});
