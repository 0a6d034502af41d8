/**
 * The case liaison panel's data: one creation step per organisation, pre-filled
 * by routing with what the victims paid to each identifier; the shop the
 * victims said knew their orders gets a data-leak notice step; identifiers
 * already asked of an organisation are marked; only staff who work with
 * requests see it.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, staff } from "@/lib/cases/test-support";
import { caseRequestPanel } from "./case-panel";
import { createRequest } from "./requests";
import { cardOf, identifierId, liaisonOf, organisation } from "./panel-test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext & { actor: Actor };
let kase: { number: string; caseId: number };
let bank: { id: string; name: string };
let shopOrg: { id: string; name: string };
let shopName: string;
let accountId: number;

beforeAll(async () => {
  investigator = await staff("investigator");
  const account = cardOf("622202");
  const caller = `17${randomInt(100_000_000, 999_999_999)}`;
  shopName = `Panel Shop ${randomUUID().slice(0, 8)}`;
  const [x] = await add(
    {
      contacts: [{ kind: "phone", value: caller }],
      payees: [{ kind: "bank_account", value: account }],
      amount: 20_000,
      platforms: [shopName],
    },
    {
      contacts: [{ kind: "phone", value: caller }],
      payees: [{ kind: "bank_account", value: account }],
      amount: 18_000,
      platforms: [shopName],
    },
  );
  kase = await caseOf(x!);
  bank = await organisation("bank", ["bank:ICBC"]);
  const client = await db();
  const platform = await client.platform.findFirstOrThrow({ where: { name: shopName }, select: { id: true } });
  shopOrg = await client.organisation.create({
    data: { name: `Shop org ${randomUUID()}`, kind: "platform", platformId: platform.id },
    select: { id: true, name: true },
  });
  accountId = await identifierId("bank_account", account);
});

describe("the case liaison panel", () => {
  it("one step per organisation: the bank's accounts with their figures, a data-leak notice for the shop", async () => {
    const panel = await caseRequestPanel(await db(), investigator, { caseNumber: kase.number });
    expect(panel.canCreate).toBe(true);
    expect(panel.requests).toEqual([]);
    expect(panel.dueHours.freeze_accounts).toBe(24);
    const toBank = panel.groups.find((g) => g.org?.id === bank.id)!;
    expect(toBank.defaultKind).toBe("freeze_accounts");
    expect(toBank.rows).toEqual([
      expect.objectContaining({
        identifierId: accountId,
        kind: "bank_account",
        paidMinor: 3_800_000n,
        paymentCount: 2,
        victimCount: 2,
        requestedIn: [],
      }),
    ]);
    const toShop = panel.groups.find((g) => g.org?.id === shopOrg.id)!;
    expect(toShop.defaultKind).toBe("data_leak_notice");
    expect(toShop.leakPlatform?.name).toBe(shopName);
    expect(panel.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([bank.id, shopOrg.id]));
  });

  it("an identifier already in a request to that organisation is marked (and not pre-checked)", async () => {
    const made = await createRequest(await db(), investigator, {
      caseNumber: kase.number,
      orgId: bank.id,
      kind: "freeze_accounts",
      identifierIds: [accountId],
      body: "",
      disclosures: [],
      send: true,
    });
    const panel = await caseRequestPanel(await db(), investigator, { caseNumber: kase.number });
    expect(panel.requests.map((r) => r.number)).toEqual([made.number]);
    const row = panel.groups.find((g) => g.org?.id === bank.id)!.rows.find((r) => r.identifierId === accountId)!;
    expect(row.requestedIn).toEqual([made.number]);
  });

  it("a data-leak notice to the shop from its step", async () => {
    const client = await db();
    const panel = await caseRequestPanel(client, investigator, { caseNumber: kase.number });
    const toShop = panel.groups.find((g) => g.org?.id === shopOrg.id)!;
    const made = await createRequest(client, investigator, {
      caseNumber: kase.number,
      orgId: shopOrg.id,
      kind: toShop.defaultKind,
      identifierIds: [],
      platformId: toShop.leakPlatform!.id,
      body: "",
      disclosures: [],
      send: true,
    });
    const after = await caseRequestPanel(client, investigator, { caseNumber: kase.number });
    const notice = after.requests.find((r) => r.number === made.number)!;
    expect(notice.kind).toBe("data_leak_notice");
    expect(notice.items.map((i) => i.display)).toEqual([shopName]);
  });

  it("only staff who work with requests", async () => {
    await expect(
      caseRequestPanel(await db(), await staff("analyst"), { caseNumber: kase.number }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      caseRequestPanel(await db(), await liaisonOf(bank.id), { caseNumber: kase.number }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
