/**
 * Routing a case's identifiers to organisations, with the money paid to each,
 * and staff's override (issue 9, "Organisations and routing").
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor, Role, ServiceContext } from "@/lib/auth/permissions";
import { importReports } from "@/lib/interchange/import";
import { listRouteOrganisations, routeCaseIdentifiers, routesByOrganisation, setIdentifierRoute } from "./routes";

afterAll(async () => (await db()).$disconnect());

const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join("");
const u8 = () => randomUUID().slice(0, 8);

async function as(role: Role): Promise<ServiceContext & { actor: Actor }> {
  const user = await (
    await db()
  ).user.create({
    data: { email: `${role}-${randomUUID()}@example.test`, role, passwordHash: "x" },
    select: { id: true, role: true, orgId: true },
  });
  return { actor: user, ip: "203.0.113.7" };
}

interface Line {
  victimPhone: string;
  contacts?: { kind: string; value: string }[];
  payments?: { amount: number; paidAt?: string; currency?: string; payee: Record<string, string> }[];
  platforms?: { name: string; role: string }[];
}

/** Imports the reports in one batch; returns the case number of the first. */
async function importCase(lines: Line[]): Promise<string> {
  const client = await db();
  const ids = lines.map(() => `ROUTE-${randomUUID()}`);
  const summary = await importReports(
    client,
    lines.map((l, k) =>
      JSON.stringify({
        externalId: ids[k],
        submittedAt: "2026-05-20T10:00:00+08:00",
        scamType: "fake_customer_service_refund",
        victim: { name: `V${k}`, phone: l.victimPhone, province: "Hubei" },
        contacts: l.contacts ?? [],
        payments: (l.payments ?? []).map((p) => ({ currency: "CNY", ...p })),
        platforms: l.platforms ?? [],
      }),
    ),
  );
  expect(summary.malformed).toEqual([]);
  const r = await client.report.findUniqueOrThrow({
    where: { externalId: ids[0]! },
    select: { case: { select: { number: true } } },
  });
  return r.case!.number;
}

const mobile = `138${digits(8)}`;
const icbcCard = `622202${digits(10)}`;
const otherCard = `6999${digits(12)}`;
const landline = `0755${digits(8)}`;
const hotline = `0756${digits(8)}`;
const giftCode = `GC${digits(10)}`;
const giftCode2 = `GD${digits(10)}`;
const shop = `GiftShop ${u8()}`;
const alipay = `route_${u8()}`;
const qq = `9${digits(8)}`;
const victim1 = `139${digits(8)}`;
const victim2 = `137${digits(8)}`;

let number: string;
let investigator: ServiceContext & { actor: Actor };
const orgs: Record<string, string> = {};
let tencent: string | null;

beforeAll(async () => {
  const client = await db();
  investigator = await as("investigator");
  // A number the warning list covers is named but never routed.
  await client.warningListEntry.create({
    data: { kind: "phone", value: `+86${hotline.slice(1)}`, label: "Test hotline" },
  });
  number = await importCase([
    {
      victimPhone: victim1,
      contacts: [
        { kind: "phone", value: mobile },
        { kind: "qq", value: qq },
      ],
      payments: [
        { amount: 1000, paidAt: "2026-05-01T09:00:00+08:00", payee: { kind: "bank_account", value: icbcCard } },
      ],
    },
    {
      victimPhone: victim1,
      contacts: [{ kind: "phone", value: mobile }],
      payments: [
        { amount: 500, paidAt: "2026-05-03T09:00:00+08:00", payee: { kind: "bank_account", value: icbcCard } },
        { amount: 200, payee: { kind: "alipay", value: alipay } },
        { amount: 50, currency: "USD", paidAt: "2026-05-04T09:00:00+08:00", payee: { kind: "alipay", value: alipay } },
      ],
    },
    {
      victimPhone: victim2,
      contacts: [
        { kind: "phone", value: mobile },
        { kind: "phone", value: landline },
        { kind: "phone", value: hotline },
      ],
      payments: [
        { amount: 300, payee: { kind: "bank_account", value: otherCard, bank: "招商银行深圳分行" } },
        { amount: 80, payee: { kind: "gift_card", value: giftCode, bank: shop } },
        { amount: 70, payee: { kind: "gift_card", value: giftCode2 } },
      ],
      platforms: [{ name: shop, role: "gift_card" }],
    },
  ]);
  const platform = await client.platform.findUniqueOrThrow({
    where: { key: shop.toLowerCase() },
    select: { id: true },
  });
  const make = async (
    label: string,
    kind: "bank" | "telecom" | "payment" | "internet" | "platform" | "hosting",
    data: object,
  ) =>
    (orgs[label] = (
      await client.organisation.create({ data: { name: `${label} ${u8()}`, kind, ...data }, select: { id: true } })
    ).id);
  await make("ICBC", "bank", { routeKeys: ["bank:ICBC"] });
  await make("CMB", "bank", { routeKeys: ["bank:CMB", "bank:ABC"] });
  await make("Mobile", "telecom", { routeKeys: ["telecom:china_mobile"] });
  await make("Alipay", "payment", { routeKeys: ["company:alipay"] });
  await make("Shop", "platform", { platformId: platform.id });
  await make("Host", "hosting", {});
  // Other tests may add organisations with the same keys: the rule is "the first by name".
  const first = async (key: string) =>
    (
      await client.organisation.findFirst({
        where: { routeKeys: { has: key } },
        orderBy: { name: "asc" },
        select: { id: true },
      })
    )?.id ?? null;
  const keys: [string, string][] = [
    ["ICBC", "bank:ICBC"],
    ["CMB", "bank:CMB"],
    ["Mobile", "telecom:china_mobile"],
    ["Alipay", "company:alipay"],
  ];
  for (const [label, key] of keys) orgs[label] = (await first(key))!;
  tencent = await first("company:tencent");
});

const rowOf = async (display: (d: string) => boolean) =>
  (await routeCaseIdentifiers(await db(), investigator, { caseNumber: number })).find((r) => display(r.display));

describe("routeCaseIdentifiers", () => {
  it("routes each identifier and sums what the case's victims paid to it", async () => {
    const rows = await routeCaseIdentifiers(await db(), investigator, { caseNumber: number });
    const by = (id: string) => rows.find((r) => r.display.replace(/[\s+]/g, "").endsWith(id.replace(/^0/, "")));

    const card = by(icbcCard)!;
    expect(card).toMatchObject({
      kind: "bank_account",
      target: { key: "bank:ICBC", orgKind: "bank", basis: "bin" },
      org: { id: orgs.ICBC, kind: "bank" },
      via: "route-key",
      paidMinor: 150000n,
      paymentCount: 2,
      victimCount: 1,
      reportCount: 2,
    });
    expect(card.firstPaidAt?.toISOString()).toBe("2026-05-01T01:00:00.000Z");
    expect(card.lastPaidAt?.toISOString()).toBe("2026-05-03T01:00:00.000Z");

    expect(by(otherCard)).toMatchObject({
      target: { key: "bank:CMB", basis: "stated-bank" },
      org: { id: orgs.CMB },
      paidMinor: 30000n,
    });
    expect(by(mobile)).toMatchObject({
      kind: "phone",
      target: { key: "telecom:china_mobile", basis: "segment" },
      org: { id: orgs.Mobile },
      paidMinor: 0n,
      paymentCount: 0,
      victimCount: 2,
      reportCount: 3,
      firstPaidAt: null,
    });
    // Only CNY is summed; every payment counts.
    expect(rows.find((r) => r.kind === "alipay")).toMatchObject({
      target: { key: "company:alipay" },
      org: { id: orgs.Alipay },
      paidMinor: 20000n,
      paymentCount: 2,
    });
    expect(rows.find((r) => r.kind === "qq")).toMatchObject({
      target: { key: "company:tencent" },
      org: null,
      via: null,
    });
    expect(rows.find((r) => r.display === giftCode)).toMatchObject({
      target: { key: `platform:${shop.toLowerCase()}`, basis: "seller" },
      org: { id: orgs.Shop },
      via: "platform",
      paidMinor: 8000n,
    });
    // No seller named with the account: the report's one gift-card platform.
    expect(rows.find((r) => r.display === giftCode2)).toMatchObject({ org: { id: orgs.Shop }, paidMinor: 7000n });
    expect(by(landline)).toMatchObject({ target: null, org: null, via: null });
    expect(by(hotline)).toBeUndefined();
    // Most money first.
    expect(rows[0]!.identifierId).toBe(card.identifierId);
  });

  it("groups the routed identifiers per organisation", async () => {
    const { groups, unrouted } = routesByOrganisation(
      await routeCaseIdentifiers(await db(), investigator, { caseNumber: number }),
    );
    const mine = [orgs.ICBC, orgs.CMB, orgs.Alipay, orgs.Shop, orgs.Mobile];
    expect(groups.map((g) => g.org.id).filter((id) => mine.includes(id))).toEqual(mine);
    expect(groups.find((g) => g.org.id === orgs.Shop)!.rows).toHaveLength(2);
    expect(unrouted.map((r) => r.kind).sort()).toEqual(tencent ? ["phone"] : ["phone", "qq"]);
  });

  it("is refused to those who may not read requests, and 404 for no case", async () => {
    const client = await db();
    for (const role of ["analyst", "liaison"] as const)
      await expect(routeCaseIdentifiers(client, await as(role), { caseNumber: number })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    // A year no case number has (numbers carry the year they were made; a test elsewhere moves the sequence past 99999).
    await expect(routeCaseIdentifiers(client, investigator, { caseNumber: "C-1999-99999" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("setIdentifierRoute", () => {
  const isLandline = (d: string) => d.replace(/\s/g, "").endsWith(landline.slice(1));

  it("sets staff's choice, which wins over routing, audited; null removes it", async () => {
    const client = await db();
    const row = (await rowOf(isLandline))!;
    const set = await setIdentifierRoute(client, investigator, {
      caseNumber: number,
      identifierId: row.identifierId,
      orgId: orgs.Host!,
    });
    expect(set).toEqual({ identifierId: row.identifierId, orgId: orgs.Host, previousOrgId: null });
    expect(await rowOf(isLandline)).toMatchObject({ org: { id: orgs.Host, kind: "hosting" }, via: "override" });

    // Over an automatic route too.
    const card = (await rowOf((d) => d.replace(/\s/g, "") === icbcCard))!;
    await setIdentifierRoute(client, investigator, {
      caseNumber: number,
      identifierId: card.identifierId,
      orgId: orgs.CMB!,
    });
    expect(await rowOf((d) => d.replace(/\s/g, "") === icbcCard)).toMatchObject({
      target: { key: "bank:ICBC" },
      org: { id: orgs.CMB },
      via: "override",
    });
    const cleared = await setIdentifierRoute(client, investigator, {
      caseNumber: number,
      identifierId: card.identifierId,
      orgId: null,
    });
    expect(cleared.previousOrgId).toBe(orgs.CMB);
    expect(await rowOf((d) => d.replace(/\s/g, "") === icbcCard)).toMatchObject({
      org: { id: orgs.ICBC },
      via: "route-key",
    });

    const audit = await client.auditEvent.findMany({
      where: { resourceType: "identifier", resourceId: String(card.identifierId) },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, detail: true },
    });
    expect(audit).toEqual([
      {
        action: "identifier.route.set",
        actorId: investigator.actor.id,
        detail: { case: number, orgId: orgs.CMB, orgName: expect.any(String), previousOrgId: null },
      },
      {
        action: "identifier.route.clear",
        actorId: investigator.actor.id,
        detail: { case: number, orgId: null, orgName: null, previousOrgId: orgs.CMB },
      },
    ]);
  });

  it("refuses another case's identifier, an unknown organisation and other roles, changing nothing", async () => {
    const client = await db();
    const other = await importCase([
      { victimPhone: `135${digits(8)}`, contacts: [{ kind: "qq", value: `8${digits(8)}` }] },
    ]);
    const foreign = (await routeCaseIdentifiers(client, investigator, { caseNumber: other }))[0]!;
    const own = (await rowOf((d) => d === qq))!;
    const routes = () =>
      client.identifierRoute.count({ where: { identifierId: { in: [foreign.identifierId, own.identifierId] } } });
    const before = await routes();
    await expect(
      setIdentifierRoute(client, investigator, {
        caseNumber: number,
        identifierId: foreign.identifierId,
        orgId: orgs.Host!,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (const orgId of [randomUUID(), "not-a-uuid"])
      await expect(
        setIdentifierRoute(client, investigator, { caseNumber: number, identifierId: own.identifierId, orgId }),
      ).rejects.toBeInstanceOf(NotFoundError);
    for (const role of ["analyst", "liaison"] as const)
      await expect(
        setIdentifierRoute(client, await as(role), {
          caseNumber: number,
          identifierId: own.identifierId,
          orgId: orgs.Host!,
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await routes()).toBe(before);
  });

  it("lists the organisations to choose from", async () => {
    const list = await listRouteOrganisations(await db(), investigator);
    expect(list.map((o) => o.id)).toEqual(expect.arrayContaining(Object.values(orgs)));
    await expect(listRouteOrganisations(await db(), await as("analyst"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
