/**
 * Suggested follow-ups end to end: a freeze request to a bank is sent; a new
 * report joins the case naming another account at that bank (the ring moved
 * the money): the case suggests a follow-up of that request for the new
 * account, and not for an account at another bank. Creating the follow-up
 * draft (as the panel's one click does) ends the suggestion.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, staff } from "@/lib/cases/test-support";
import { followUpSuggestions } from "./follow-ups";
import { closeRequest, createRequest } from "./requests";
import { listCaseRequests } from "./views";
import { cardOf, identifierId, organisation } from "./panel-test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext & { actor: Actor };
let icbc: { id: string };
const caller = `17${randomInt(100_000_000, 999_999_999)}`;
const first = cardOf("622202");
const moved = cardOf("622202");
const elsewhere = cardOf("621700");
let kase: { number: string; caseId: number };
let sent: string;

beforeAll(async () => {
  investigator = await staff("investigator");
  icbc = await organisation("bank", ["bank:ICBC"]);
  // A CCB organisation exists too: the CCB account routes there, not to ICBC.
  await organisation("bank", ["bank:CCB"]);
  const [x] = await add({
    contacts: [{ kind: "phone", value: caller }],
    payees: [{ kind: "bank_account", value: first }],
    amount: 30_000,
  });
  kase = await caseOf(x!);
  sent = (
    await createRequest(await db(), investigator, {
      caseNumber: kase.number,
      orgId: icbc.id,
      kind: "freeze_accounts",
      identifierIds: [await identifierId("bank_account", first)],
      body: "",
      disclosures: [],
      send: true,
    })
  ).number;
});

describe("follow-up suggestions", () => {
  it("none while the case names no new account at the bank", async () => {
    expect(await followUpSuggestions(await db(), investigator, { caseNumber: kase.number })).toEqual([]);
  });

  it("a new report joins with accounts at the same bank and at another: a follow-up of the open request for the first", async () => {
    // Same caller, so it joins the case; it paid a new ICBC account and a CCB one.
    const [joined] = await add({
      contacts: [{ kind: "phone", value: caller }],
      payees: [
        { kind: "bank_account", value: moved },
        { kind: "bank_account", value: elsewhere },
      ],
      amount: 12_000,
    });
    expect((await caseOf(joined!)).caseId).toBe(kase.caseId);
    const movedId = await identifierId("bank_account", moved);
    expect(await followUpSuggestions(await db(), investigator, { caseNumber: kase.number })).toEqual([
      { followUpOf: sent, orgId: icbc.id, identifierIds: [movedId] },
    ]);
  });

  it("the follow-up draft (the panel's one click) links to the request and ends the suggestion", async () => {
    const client = await db();
    const [s] = await followUpSuggestions(client, investigator, { caseNumber: kase.number });
    const draft = await createRequest(client, investigator, {
      caseNumber: kase.number,
      orgId: s!.orgId,
      kind: "freeze_accounts",
      identifierIds: s!.identifierIds,
      body: "",
      disclosures: [],
      followUpOf: s!.followUpOf,
      send: false,
    });
    const view = (await listCaseRequests(client, investigator, { caseNumber: kase.number })).find(
      (r) => r.number === draft.number,
    )!;
    expect(view).toMatchObject({ status: "draft", followUpOf: sent });
    expect(await followUpSuggestions(client, investigator, { caseNumber: kase.number })).toEqual([]);
  });

  it("a closed freeze request suggests nothing", async () => {
    const client = await db();
    const c2 = `17${randomInt(100_000_000, 999_999_999)}`;
    const a = cardOf("622202");
    const [x] = await add({ contacts: [{ kind: "phone", value: c2 }], payees: [{ kind: "bank_account", value: a }] });
    const k = await caseOf(x!);
    const r = await createRequest(client, investigator, {
      caseNumber: k.number,
      orgId: icbc.id,
      kind: "freeze_accounts",
      identifierIds: [await identifierId("bank_account", a)],
      body: "",
      disclosures: [],
      send: true,
    });
    await closeRequest(client, investigator, { caseNumber: k.number, number: r.number });
    await add({
      contacts: [{ kind: "phone", value: c2 }],
      payees: [{ kind: "bank_account", value: cardOf("622202") }],
    });
    expect(await followUpSuggestions(client, investigator, { caseNumber: k.number })).toEqual([]);
  });
});
