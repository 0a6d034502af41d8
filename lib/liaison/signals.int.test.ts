/** The leak signal against a database: threshold, distinct victims, the sliding window, cases and couriers. */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor, Role, ServiceContext } from "@/lib/auth/permissions";
import { importReports } from "@/lib/interchange/import";
import { listLeakSignals, type LeakSignal } from "./signals";

afterAll(async () => (await db()).$disconnect());

const run = randomUUID().slice(0, 8);
const shopName = (s: string) => `Signal Shop ${s} ${run}`;
const phone = () => `17${randomInt(100_000_000, 999_999_999)}`;
/** After every report below: nothing is left out for being in the future. */
const now = new Date("2003-04-10T12:00:00+08:00");

interface Line {
  day: string;
  victim: string;
  scammer: string;
  platforms: { name: string; role: string }[];
}

async function load(lines: Line[]) {
  const summary = await importReports(
    await db(),
    lines.map((l) =>
      JSON.stringify({
        externalId: `SIG-${randomUUID()}`,
        submittedAt: "2003-05-01T10:00:00+08:00",
        incidentDate: l.day,
        scamType: "courier_compensation",
        victim: { name: "V", phone: l.victim },
        contacts: [{ kind: "phone", value: l.scammer }],
        platforms: l.platforms,
      }),
    ),
  );
  expect(summary.malformed).toEqual([]);
}

async function user(role: Role): Promise<ServiceContext & { actor: Actor }> {
  const client = await db();
  const org =
    role === "liaison"
      ? await client.organisation.create({
          data: { name: `Org ${randomUUID()}`, kind: "platform" },
          select: { id: true },
        })
      : null;
  const actor = await client.user.create({
    data: { email: `${role}-${randomUUID()}@example.test`, role, orgId: org?.id ?? null, passwordHash: "x" },
    select: { id: true, role: true, orgId: true },
  });
  return { actor, ip: "203.0.113.7" };
}

const leaked = (name: string) => ({ name, role: "order_leaked" });
const victims = Array.from({ length: 12 }, phone);
const ringA = phone();
const ringB = phone();
const courierOrgPlatform = `Swift Parcel ${run}`;
let investigator: ServiceContext;
let shopA: number;

/** Signals for this file's shops only (other files share the database). */
async function mine(ctx: ServiceContext, opts: Parameters<typeof listLeakSignals>[2] = { now }) {
  const all = await listLeakSignals(await db(), ctx, opts);
  return new Map(all.filter((s) => s.platform.name.endsWith(run)).map((s) => [s.platform.name, s] as const));
}

beforeAll(async () => {
  investigator = await user("investigator");
  const A = shopName("A");
  await load([
    // Shop A: five victims from 2003-03-01 to 2003-03-30 (30 days), victim 0 twice on the first day; two rings, so two cases.
    {
      day: "2003-03-01",
      victim: victims[0]!,
      scammer: ringA,
      platforms: [leaked(A), { name: "顺丰速运", role: "impersonated" }],
    },
    {
      day: "2003-03-01",
      victim: victims[0]!,
      scammer: ringA,
      platforms: [leaked(A), { name: "SF Express", role: "other" }],
    },
    {
      day: "2003-03-10",
      victim: victims[1]!,
      scammer: ringA,
      platforms: [leaked(A), { name: "中通快递", role: "impersonated" }],
    },
    {
      day: "2003-03-20",
      victim: victims[2]!,
      scammer: ringA,
      platforms: [leaked(A), { name: courierOrgPlatform, role: "impersonated" }],
    },
    {
      day: "2003-03-25",
      victim: victims[3]!,
      scammer: ringB,
      platforms: [leaked(A), { name: "淘宝客服", role: "impersonated" }],
    },
    // A courier named in another role (payment) is not a courier the scammer claimed to be.
    {
      day: "2003-03-30",
      victim: victims[4]!,
      scammer: ringB,
      platforms: [leaked(A), { name: "顺丰", role: "payment" }],
    },
    // Long before the window: counts for "in all", not in the window.
    {
      day: "2002-06-01",
      victim: victims[5]!,
      scammer: phone(),
      platforms: [leaked(A), { name: "圆通速递", role: "impersonated" }],
    },
    // Shop B: four victims within a week.
    ...[0, 1, 2, 3].map((k) => ({
      day: `2003-03-0${k + 1}`,
      victim: victims[k]!,
      scammer: phone(),
      platforms: [leaked(shopName("B"))],
    })),
    // Shop C: five reports from four victims (victim 6 reported twice).
    ...[6, 6, 7, 8, 9].map((v, k) => ({
      day: `2003-03-0${k + 1}`,
      victim: victims[v]!,
      scammer: phone(),
      platforms: [leaked(shopName("C"))],
    })),
    // Shop D: five victims over 40 days, no 30-day window holds more than three.
    ...["2003-01-01", "2003-01-11", "2003-01-21", "2003-01-31", "2003-02-10"].map((day, k) => ({
      day,
      victim: victims[k]!,
      scammer: phone(),
      platforms: [leaked(shopName("D"))],
    })),
    // Shop E: four victims say their order leaked there; two more only name it as impersonated, and shop A's
    // reports never name E: together they must not make five.
    ...[0, 1, 2, 3].map((k) => ({
      day: `2003-03-1${k}`,
      victim: victims[k + 6]!,
      scammer: phone(),
      platforms: [leaked(shopName("E"))],
    })),
    ...[10, 11].map((v) => ({
      day: "2003-03-15",
      victim: victims[v]!,
      scammer: phone(),
      platforms: [{ name: shopName("E"), role: "impersonated" }],
    })),
  ]);
  const client = await db();
  shopA = (await client.platform.findUniqueOrThrow({ where: { key: A.toLowerCase() }, select: { id: true } })).id;
  const swift = await client.platform.findUniqueOrThrow({
    where: { key: courierOrgPlatform.toLowerCase() },
    select: { id: true },
  });
  await client.organisation.create({
    data: { name: `Swift Parcel Ltd ${run}`, kind: "courier", platformId: swift.id },
  });
});

describe("listLeakSignals", () => {
  it("fires for five victims within 30 days, with counts, dates, cases and couriers", async () => {
    const signals = await mine(investigator);
    expect([...signals.keys()]).toEqual([shopName("A")]);
    const a = signals.get(shopName("A"))!;
    expect(a).toMatchObject<Partial<LeakSignal>>({
      platform: { id: shopA, name: shopName("A") },
      victims: 5,
      reports: 6,
      firstDate: "2003-03-01",
      lastDate: "2003-03-30",
      ongoing: true,
      allVictims: 6,
      caseCount: 2,
      reportsWithoutCase: 0,
      organisation: null,
      notices: [],
      openNotice: false,
    });
    expect(a.cases.map((c) => c.reports)).toEqual([4, 2]);
    const client = await db();
    const caseOf = async (scammer: string) =>
      (
        await client.report.findFirstOrThrow({
          where: { contacts: { some: { rawValue: scammer } } },
          select: { case: { select: { number: true } } },
        })
      ).case!.number;
    expect(a.cases.map((c) => c.number)).toEqual([await caseOf(ringA), await caseOf(ringB)]);
    // 顺丰速运 and SF Express are one courier (two reports); 圆通 was named outside the window; 淘宝客服 is no courier.
    expect(a.couriers).toEqual([
      { code: "sf", name: expect.any(String), reports: 2 },
      { code: null, name: `Swift Parcel Ltd ${run}`, reports: 1 },
      { code: "zto", name: "中通快递", reports: 1 },
    ]);
  });

  it("does not fire below the threshold, nor for a window one day short", async () => {
    expect((await mine(investigator, { now, minVictims: 6 })).size).toBe(0);
    expect((await mine(investigator, { now, days: 29 })).size).toBe(0);
    const four = await mine(investigator, { now, minVictims: 4 });
    // At four: B (four victims), C (four victims in five reports), E (four victims), A — never D (three at most).
    expect([...four.keys()].sort()).toEqual(["A", "B", "C", "E"].map(shopName).sort());
    expect(four.get(shopName("C"))).toMatchObject({ victims: 4, reports: 5 });
    expect(four.get(shopName("E"))).toMatchObject({ victims: 4, reports: 4 });
    // D fires only when the window spans its 40 days.
    expect((await mine(investigator, { now, days: 41 })).get(shopName("D"))).toMatchObject({
      victims: 5,
      firstDate: "2003-01-01",
      lastDate: "2003-02-10",
    });
  });

  it("leaves out reports dated after `now`, and says whether the burst is still going on", async () => {
    expect((await mine(investigator, { now: new Date("2003-03-20T12:00:00+08:00") })).size).toBe(0);
    expect((await mine(investigator, { now: new Date("2004-01-01T12:00:00+08:00") })).get(shopName("A"))).toMatchObject(
      {
        victims: 5,
        ongoing: false,
      },
    );
  });

  it("names the shop's organisation and its earlier notices", async () => {
    const client = await db();
    const org = await client.organisation.create({
      data: { name: `Shop A Ltd ${run}`, kind: "platform", platformId: shopA },
      select: { id: true, name: true },
    });
    expect((await mine(investigator)).get(shopName("A"))).toMatchObject({ organisation: org, openNotice: false });
    const report = await client.report.findFirstOrThrow({
      where: { platforms: { some: { platformId: shopA } } },
      select: { caseId: true },
    });
    const number = `Q-2003-${randomInt(100_000, 999_999)}`;
    await client.liaisonRequest.create({
      data: {
        number,
        caseId: report.caseId!,
        orgId: org.id,
        kind: "data_leak_notice",
        status: "sent",
        platformId: shopA,
      },
    });
    const a = (await mine(investigator)).get(shopName("A"))!;
    expect(a.notices).toEqual([{ number, status: "sent", createdAt: expect.any(Date) }]);
    expect(a.openNotice).toBe(true);
    await client.liaisonRequest.update({ where: { number }, data: { status: "closed" } });
    expect((await mine(investigator)).get(shopName("A"))!.openNotice).toBe(false);
  });

  it("is for staff who read signals: analysts yes; liaisons and anonymous visitors no", async () => {
    expect((await mine(await user("analyst"))).size).toBe(1);
    await expect(listLeakSignals(await db(), await user("liaison"), { now })).rejects.toThrow(ForbiddenError);
    await expect(listLeakSignals(await db(), { actor: null } as unknown as ServiceContext, { now })).rejects.toThrow(
      ForbiddenError,
    );
  });
});
