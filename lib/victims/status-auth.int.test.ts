import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { hash as argon2 } from "@node-rs/argon2";
import { hashPin } from "@/lib/reports/pin";
import { checkStatusPin, isStatusSignInLimited, STATUS_REPORT_BUCKET, statusReferenceKey } from "./status-auth";
import { endStatusSession, findStatusSession } from "./status-session";

const SETTINGS = {
  STATUS_PIN_MAX_FAILURES_PER_REPORT: "10",
  STATUS_PIN_MAX_FAILURES_PER_IP: "15",
  STATUS_PIN_WINDOW_MINUTES: "60",
  STATUS_SESSION_MINUTES: "30",
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

const PIN = "12345678";
const reference = () => `R-2099-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
let n = 0;
const ip = () => `203.0.113.${++n % 250}-${randomUUID().slice(0, 6)}`;
const minutes = (m: number) => m * 60_000;

async function makeReport(hashOf: (ref: string) => string | Promise<string> = (ref) => hashPin(ref, PIN)) {
  const client = await db();
  const ref = reference();
  return client.report.create({
    data: { reference: ref, pinHash: await hashOf(ref), victimKey: `test:${randomUUID()}` },
    select: { id: true, reference: true },
  });
}

async function attempt(ref: string, pin: string, addr: string, now = new Date()) {
  return checkStatusPin(await db(), { actor: null, ip: addr }, { reference: ref, pin }, now);
}

async function auditOf(ref: string) {
  return (await db()).auditEvent.findMany({
    where: { resourceType: "report", resourceId: ref },
    select: { action: true, actorId: true, detail: true, ip: true },
    orderBy: { id: "asc" },
  });
}

describe("checkStatusPin", () => {
  it("opens a session for the right PIN (reference in any case and spacing), audited, leaving no failure behind", async () => {
    const r = await makeReport();
    const addr = ip();
    const result = await attempt(` ${r.reference.toLowerCase()} `, PIN, addr);
    expect(result).toMatchObject({ ok: true, reportId: r.id, reference: r.reference });
    if (!result.ok) throw new Error("unreachable");
    const client = await db();
    expect(await findStatusSession(client, result.token)).toEqual({ reportId: r.id, reference: r.reference });
    const stored = await client.statusSession.findFirstOrThrow({ where: { reportId: r.id } });
    expect(stored.tokenHash).not.toContain(result.token);
    expect(await auditOf(r.reference)).toEqual([{ action: "status.signin", actorId: null, detail: {}, ip: addr }]);
    // The claimed slots were given back: a right PIN is not a failure.
    expect(
      await client.rateLimitHit.count({
        where: { bucket: STATUS_REPORT_BUCKET, key: statusReferenceKey(r.reference) },
      }),
    ).toBe(0);
  });

  it("still opens a report whose PIN was stored as argon2 before ADR 0016, and refuses a wrong PIN on it", async () => {
    const r = await makeReport(() => argon2(PIN));
    expect(await attempt(r.reference, "87654321", ip())).toEqual({ ok: false, reason: "wrong" });
    expect(await attempt(r.reference, PIN, ip())).toMatchObject({ ok: true, reportId: r.id });
  });

  it("answers a wrong PIN and an unknown reference alike, in similar time, and never stores the PIN", async () => {
    const r = await makeReport();
    const unknown = reference();
    const time = async (ref: string) => {
      const start = performance.now();
      const res = await attempt(ref, "87654321", ip());
      return { res, ms: performance.now() - start };
    };
    const wrong = [await time(r.reference), await time(r.reference), await time(r.reference)];
    const missing = [await time(unknown), await time(unknown), await time(unknown)];
    for (const x of [...wrong, ...missing]) expect(x.res).toEqual({ ok: false, reason: "wrong" });
    const avg = (xs: { ms: number }[]) => xs.reduce((s, x) => s + x.ms, 0) / xs.length;
    // Both pay for one keyed hash (the unknown one with nothing to compare it to).
    expect(avg(missing)).toBeGreaterThan(avg(wrong) * 0.3);
    expect(avg(missing)).toBeLessThan(avg(wrong) * 3 + 50);
    const audit = [...(await auditOf(r.reference)), ...(await auditOf(unknown))];
    expect(audit.map((a) => a.action)).toEqual(Array(6).fill("status.pin.failure"));
    expect(JSON.stringify(audit)).not.toContain("87654321");
  });

  it("refuses the 11th attempt on a reference within the window even with the right PIN, without checking it", async () => {
    const r = await makeReport();
    const now = new Date();
    for (let i = 0; i < 10; i++) {
      // From different addresses: the per-reference limit holds whoever guesses.
      expect(await attempt(r.reference, `0000000${i}`, ip(), now)).toEqual({ ok: false, reason: "wrong" });
    }
    const addr = ip();
    expect(await attempt(r.reference, PIN, addr, now)).toEqual({ ok: false, reason: "throttled" });
    expect((await auditOf(r.reference)).at(-1)).toMatchObject({ action: "status.pin.throttled", ip: addr });
    // Further refusals within the minute are not audited again.
    expect(await attempt(r.reference, PIN, addr, now)).toEqual({ ok: false, reason: "throttled" });
    expect((await auditOf(r.reference)).filter((a) => a.action === "status.pin.throttled")).toHaveLength(1);
    // Another report is not affected, and this one opens again once the failures leave the window.
    const other = await makeReport();
    expect(await attempt(other.reference, PIN, addr, now)).toMatchObject({ ok: true });
    expect(await attempt(r.reference, PIN, addr, new Date(now.getTime() + minutes(61)))).toMatchObject({ ok: true });
  });

  it("throttles an unknown reference exactly like a known one", async () => {
    const unknown = reference();
    const now = new Date();
    for (let i = 0; i < 10; i++) {
      expect(await attempt(unknown, PIN, ip(), now)).toEqual({ ok: false, reason: "wrong" });
    }
    expect(await attempt(unknown, PIN, ip(), now)).toEqual({ ok: false, reason: "throttled" });
  });

  it("refuses an address that failed too often, whatever the reference, even with the right PIN", async () => {
    const addr = ip();
    const now = new Date();
    for (let i = 0; i < 15; i++) {
      expect(await attempt(reference(), PIN, addr, now)).toEqual({ ok: false, reason: "wrong" });
    }
    const r = await makeReport();
    expect(await attempt(r.reference, PIN, addr, now)).toEqual({ ok: false, reason: "throttled" });
    // Other addresses are not affected.
    expect(await attempt(r.reference, PIN, ip(), now)).toMatchObject({ ok: true });
  });

  it("counts parallel guesses one by one: a burst never gets past the limit", async () => {
    const r = await makeReport();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 14 }, () => attempt(r.reference, "11111111", ip(), now)));
    expect(results.filter((x) => !x.ok && x.reason === "wrong")).toHaveLength(10);
    expect(results.filter((x) => !x.ok && x.reason === "throttled")).toHaveLength(4);
  });
});

describe("isStatusSignInLimited (the gate's check before the action)", () => {
  const limited = async (ref: string | null, addr: string, now: Date) =>
    isStatusSignInLimited(await db(), ref, addr, now);

  it("says yes for a reference at its limit, known or unknown alike, and claims nothing", async () => {
    const known = await makeReport();
    const unknown = reference();
    const now = new Date();
    for (const ref of [known.reference, unknown]) {
      for (let i = 0; i < 9; i++) await attempt(ref, "00000000", ip(), now);
      // Asking does not count: after any number of questions the 10th failure is still allowed.
      for (let i = 0; i < 3; i++) expect(await limited(ref, ip(), now)).toBe(false);
      expect(await attempt(ref, "00000000", ip(), now)).toEqual({ ok: false, reason: "wrong" });
      expect(await limited(ref.toLowerCase(), ip(), now)).toBe(true);
      expect(await limited(null, ip(), now)).toBe(false);
      expect(await limited(ref, ip(), new Date(now.getTime() + minutes(61)))).toBe(false);
    }
    // Audited like the action's refusal, once a minute per reference.
    expect((await auditOf(known.reference)).filter((a) => a.action === "status.pin.throttled")).toHaveLength(1);
    await limited(known.reference, ip(), now);
    expect((await auditOf(known.reference)).filter((a) => a.action === "status.pin.throttled")).toHaveLength(1);
  });

  it("says yes for an address at its limit, with or without a reference", async () => {
    const addr = ip();
    const now = new Date();
    for (let i = 0; i < 15; i++) await attempt(reference(), PIN, addr, now);
    expect(await limited(null, addr, now)).toBe(true);
    expect(await limited((await makeReport()).reference, addr, now)).toBe(true);
    expect(await limited(null, ip(), now)).toBe(false);
  });
});

describe("status sessions", () => {
  it("last STATUS_SESSION_MINUTES and end at sign-out", async () => {
    const r = await makeReport();
    const now = new Date();
    const result = await attempt(r.reference, PIN, ip(), now);
    if (!result.ok) throw new Error("expected a session");
    const client = await db();
    expect(result.expiresAt.getTime() - now.getTime()).toBe(minutes(30));
    expect(await findStatusSession(client, result.token, new Date(now.getTime() + minutes(29)))).not.toBeNull();
    expect(await findStatusSession(client, result.token, new Date(now.getTime() + minutes(30)))).toBeNull();
    expect(await findStatusSession(client, "not-a-token", now)).toBeNull();
    expect(await endStatusSession(client, result.token, now)).toEqual({ reportId: r.id, reference: r.reference });
    expect(await findStatusSession(client, result.token, now)).toBeNull();
    expect(await endStatusSession(client, result.token, now)).toBeNull();
  });
});
