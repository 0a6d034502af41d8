import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import {
  createApiKey,
  listApiKeys,
  lookupIdentifier,
  revokeApiKey,
  takeApiLookup,
  takeKeyedApiLookup,
  verifyApiKey,
} from "@/lib/lookup";
import { pruneRateLimits } from "@/lib/reports/rate-limit";
import { lookupBuckets, takeLookup } from "./rate-limit";

const NOW = new Date("2026-06-20T12:00:00+08:00");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
/** "17x xxxx xxxx" spelled three ways. */
const spellings = (p: string) => [p, `+86 ${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`, `0086 ${p}`];

describe("lookupIdentifier", () => {
  it("shows two reports in the window, found by a third spelling, without victim data", async () => {
    const scammer = phone();
    const [a, b] = spellings(scammer);
    const ids = await add(
      {
        submittedAt: daysAgo(40),
        incidentDate: "2026-05-01",
        scamType: "courier_compensation",
        victimName: "Victim Alpha",
        contacts: [{ kind: "phone", value: a! }],
      },
      {
        submittedAt: daysAgo(3),
        scamType: "fake_customer_service_refund",
        victimName: "Victim Beta",
        contacts: [{ kind: "other", value: b! }],
      },
    );
    const answer = await lookupIdentifier(await db(), spellings(scammer)[2]!, NOW);
    expect(answer.result).toEqual({
      kind: "reported",
      reports: 2,
      firstMonth: "2026-05",
      lastMonth: "2026-06",
      scamTypes: ["courier_compensation", "fake_customer_service_refund"],
    });
    const text = JSON.stringify(answer);
    const { reference, number } = await caseOf(ids[0]!);
    for (const secret of ["Victim Alpha", "Victim Beta", reference, number]) expect(text).not.toContain(secret);
  });

  it("one report is not shown (too few), and neither are reports older than 90 days", async () => {
    const once = phone();
    await add({ submittedAt: daysAgo(5), contacts: [{ kind: "phone", value: once }] });
    expect((await lookupIdentifier(await db(), once, NOW)).result).toEqual({ kind: "none" });

    const old = phone();
    await add(
      { submittedAt: daysAgo(120), contacts: [{ kind: "phone", value: old }] },
      { submittedAt: daysAgo(10), contacts: [{ kind: "phone", value: old }] },
    );
    expect((await lookupIdentifier(await db(), old, NOW)).result).toEqual({ kind: "none" });
    // Later still, the recent one leaves the window too.
    const later = new Date(NOW.getTime() + 85 * 86_400_000);
    expect((await lookupIdentifier(await db(), old, later)).result).toEqual({ kind: "none" });
    const third = await add({ submittedAt: daysAgo(1), contacts: [{ kind: "phone", value: old }] });
    expect(third).toHaveLength(1);
    const r = (await lookupIdentifier(await db(), old, NOW)).result;
    expect(r.kind === "reported" && r.reports).toBe(2);
    // First and last month cover every report, the count only the window.
    expect(r.kind === "reported" && r.firstMonth).toBe("2026-02");
  });

  it("95311 is ZTO Express's official number, however it is typed, even when reports name it", async () => {
    await add(
      { submittedAt: daysAgo(2), contacts: [{ kind: "phone", value: "95311" }] },
      { submittedAt: daysAgo(2), contacts: [{ kind: "phone", value: "95311" }] },
    );
    for (const q of ["95311", "９５３１１", "953-11"]) {
      expect((await lookupIdentifier(await db(), q, NOW)).result).toEqual({
        kind: "official",
        company: "ZTO Express",
        match: "exact",
      });
    }
    const biz = await lookupIdentifier(await db(), "400-820-8820", NOW);
    expect(biz.result).toMatchObject({ kind: "official", match: "prefix" });
  });

  it("a held shared number is not shown until staff decide it is the scammer's", async () => {
    const shared = phone();
    await add(
      { submittedAt: daysAgo(2), contacts: [{ kind: "phone", value: shared }] },
      { submittedAt: daysAgo(2), contacts: [{ kind: "phone", value: shared }] },
    );
    const client = await db();
    const ident = await client.identifier.findUniqueOrThrow({
      where: { kind_value: { kind: "phone", value: `+86${shared}` } },
      select: { id: true },
    });
    await client.sharedNumber.upsert({
      where: { identifierId: ident.id },
      create: { identifierId: ident.id, status: "held", reports: 2, groups: 2 },
      update: { status: "held" },
    });
    expect((await lookupIdentifier(client, shared, NOW)).result).toEqual({ kind: "none" });
    await client.sharedNumber.update({ where: { identifierId: ident.id }, data: { status: "scammer" } });
    expect((await lookupIdentifier(client, shared, NOW)).result).toMatchObject({ kind: "reported", reports: 2 });
  });

  it("input that reads as nothing answers none, in the same shape", async () => {
    for (const q of ["", "hello world", "尾号8988"]) {
      const a = await lookupIdentifier(await db(), q, NOW);
      expect(Object.keys(a).sort()).toEqual(["readAs", "result"]);
      expect(a.result).toEqual({ kind: "none" });
    }
  });
});

describe("API keys", () => {
  it("admins issue a key shown once, which verifies until revoked; every step is audited", async () => {
    const admin = await staff("admin");
    const client = await db();
    const { key, apiKey } = await createApiKey(client, admin, { name: "Bank A", organisation: "A", ratePerMinute: 5 });
    expect(key).toMatch(/^lk_[A-Za-z0-9_-]{32}$/);
    expect(apiKey.prefix).toBe(key.slice(0, 9));
    const row = await client.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(JSON.stringify(row)).not.toContain(key);
    expect((await listApiKeys(client, admin)).map((k) => k.id)).toContain(apiKey.id);

    expect(await verifyApiKey(client, `Bearer ${key}`)).toEqual({ id: apiKey.id, ratePerMinute: 5 });
    // One character changed (never to itself: a key may end in "x").
    const tampered = `${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`;
    expect(await verifyApiKey(client, `Bearer ${tampered}`)).toBeNull();
    expect(await verifyApiKey(client, key)).toBeNull();
    expect(await verifyApiKey(client, null)).toBeNull();

    await revokeApiKey(client, admin, { id: apiKey.id });
    expect(await verifyApiKey(client, `Bearer ${key}`)).toBeNull();
    const audit = await client.auditEvent.findMany({
      where: { resourceType: "api-key", resourceId: apiKey.id },
      select: { action: true, detail: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["api-key.create", "api-key.revoke"]);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it("one statement checks the key and counts its lookup: unknown, tampered and revoked keys are refused uncounted", async () => {
    const admin = await staff("admin");
    const client = await db();
    const { key, apiKey } = await createApiKey(client, admin, { name: "Bank B", organisation: "B", ratePerMinute: 2 });
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const tampered = `${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`;
    for (const header of [null, key, `Bearer ${tampered}`, "Bearer lk_short", `Basic ${key}`])
      expect(await takeKeyedApiLookup(client, header, at(0))).toBe("unauthorized");
    expect(await client.rateLimitCount.count({ where: { key: apiKey.id } })).toBe(0);
    expect(await takeKeyedApiLookup(client, `Bearer ${key}`, at(0))).toEqual({ ok: true });
    expect(await takeKeyedApiLookup(client, `Bearer  ${key} `, at(1))).toEqual({ ok: true });
    // The key's own limit (2 a minute), with the wait until its first lookup leaves the window.
    expect(await takeKeyedApiLookup(client, `Bearer ${key}`, at(20))).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(await takeKeyedApiLookup(client, `Bearer ${key}`, at(61))).toEqual({ ok: true });
    await revokeApiKey(client, admin, { id: apiKey.id });
    expect(await takeKeyedApiLookup(client, `Bearer ${key}`, at(200))).toBe("unauthorized");
  });

  it("only admins manage keys", async () => {
    const client = await db();
    for (const role of ["investigator", "analyst", "liaison"] as const) {
      const ctx = await staff(role);
      await expect(listApiKeys(client, ctx)).rejects.toThrow(ForbiddenError);
      await expect(createApiKey(client, ctx, { name: "x", organisation: "", ratePerMinute: 1 })).rejects.toThrow(
        ForbiddenError,
      );
    }
  });

  it("per-key limit: the next lookup past it is refused with a Retry-After inside the minute", async () => {
    const client = await db();
    const keyId = `test-${randomInt(1e9)}`;
    const t0 = new Date();
    for (let i = 0; i < 3; i++)
      expect(await takeApiLookup(client, keyId, 3, new Date(t0.getTime() + i * 1000))).toEqual({ ok: true });
    const refused = await takeApiLookup(client, keyId, 3, new Date(t0.getTime() + 10_000));
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 50 });
    // Once the first lookup leaves the window, one more is allowed.
    expect(await takeApiLookup(client, keyId, 3, new Date(t0.getTime() + 60_500))).toEqual({ ok: true });
    // Other keys and buckets are not affected.
    expect(await takeLookup(client, "lookup", keyId, 3, 60_000, new Date(t0.getTime() + 10_000))).toEqual({ ok: true });
  });

  it("a busy key is counted in one row per second, not one per lookup, and refused at its limit", async () => {
    const client = await db();
    const keyId = `test-${randomInt(1e9)}`;
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    // 250 lookups within the same second, 250 within the next: the limit is 500.
    const taken = await Promise.all(
      Array.from({ length: 500 }, (_, i) => takeApiLookup(client, keyId, 500, at(i < 250 ? i : 1000 + i))),
    );
    expect(taken.every((a) => a.ok)).toBe(true);
    const rows = await client.rateLimitCount.findMany({ where: { key: keyId }, orderBy: { slot: "asc" } });
    expect(rows.map((r) => [r.slot.getTime() - t0.getTime(), r.hits])).toEqual([
      [0, 250],
      [1000, 250],
    ]);
    expect(await takeApiLookup(client, keyId, 500, at(30_000))).toEqual({ ok: false, retryAfterSeconds: 30 });
    // The first second's lookups leave the window a minute after it began.
    expect(await takeApiLookup(client, keyId, 500, at(60_000))).toEqual({ ok: true });
  });

  it("lookup counts older than their window are pruned", async () => {
    const client = await db();
    const key = `test-${randomInt(1e9)}`;
    const now = Date.now();
    await client.rateLimitCount.createMany({
      data: [
        { bucket: "lookup-api", key, slot: new Date(now - 2 * 60_000), hits: 7 },
        { bucket: "lookup-api", key, slot: new Date(now - 30_000), hits: 3 },
      ],
    });
    await pruneRateLimits(client, lookupBuckets(), new Date(now));
    const left = await client.rateLimitCount.findMany({ where: { key } });
    expect(left.map((r) => r.hits)).toEqual([3]);
  });
});
