/**
 * Requests end to end at the service layer: an investigator's freeze request
 * pre-filled from the case, redaction by default, a liaison's inbox limited to
 * its organisation, answers flowing back into the case's frozen sum (also
 * after a merge moves the request), and bad input refused without changes.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { ForbiddenError } from "@/lib/errors";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { acknowledgeRequest, answerItem } from "./answers";
import { closeRequest, createRequest, sendRequest } from "./requests";
import { getInboxRequest, listCaseRequests, listInbox } from "./views";
import { LiaisonError } from "./errors";

afterAll(async () => (await db()).$disconnect());

/** A Luhn-valid ICBC debit card number nobody else in the test database uses. */
export function card(): string {
  const body = `622202${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

async function liaisonOf(orgId: string): Promise<ServiceContext & { actor: Actor }> {
  const user = await (
    await db()
  ).user.create({
    data: { email: `l-${randomUUID()}@example.test`, role: "liaison", orgId, passwordHash: "x" },
    select: { id: true, role: true, orgId: true },
  });
  return { actor: user, ip: "203.0.113.10" };
}

let investigator: ServiceContext & { actor: Actor };
let bank: { id: string };
let other: { id: string };
let account: string;
let kase: { number: string; caseId: number };
let accountId: number;

beforeAll(async () => {
  investigator = await staff("investigator");
  const client = await db();
  bank = await client.organisation.create({
    data: { name: `Bank ${randomUUID()}`, kind: "bank" },
    select: { id: true },
  });
  other = await client.organisation.create({
    data: { name: `Bank ${randomUUID()}`, kind: "bank" },
    select: { id: true },
  });
  account = card();
  const caller = phone();
  const ids = await add(
    {
      contacts: [{ kind: "phone", value: caller }],
      payees: [{ kind: "bank_account", value: account }],
      amount: 20_000,
      victimName: "张三",
    },
    {
      contacts: [{ kind: "phone", value: caller }],
      payees: [{ kind: "bank_account", value: account.replace(/(\d{4})/g, "$1 ") }],
      amount: 18_000.5,
      victimName: "李四",
    },
  );
  kase = await caseOf(ids[0]!);
  accountId = (await client.identifier.findFirstOrThrow({ where: { kind: "bank_account", value: account } })).id;
});

describe("requests", () => {
  it("a freeze request carries what the victims paid to the account, and no victim data by default", async () => {
    const made = await createRequest(await db(), investigator, {
      caseNumber: kase.number,
      orgId: bank.id,
      kind: "freeze_accounts",
      identifierIds: [accountId],
      body: "请紧急止付",
      disclosures: [],
      send: true,
    });
    expect(made.status).toBe("sent");
    const [r] = await listCaseRequests(await db(), investigator, { caseNumber: kase.number });
    expect(r!.number).toBe(made.number);
    expect(r!.items).toHaveLength(1);
    expect(r!.items[0]!.paidMinor).toBe(3_800_050n);
    expect(r!.items[0]!.paymentCount).toBe(2);
    expect(r!.victimCount).toBe(2);
    expect(r!.dueAt!.getTime() - r!.sentAt!.getTime()).toBe(24 * 3600_000);
    expect(r!.sharedVictims).toHaveLength(2);
    for (const v of r!.sharedVictims) {
      expect(v.name).toBeUndefined();
      expect(v.phone).toBeUndefined();
    }
  });

  it("a field included with a justification is shared, the others stay redacted", async () => {
    const made = await createRequest(await db(), investigator, {
      caseNumber: kase.number,
      orgId: bank.id,
      kind: "information",
      identifierIds: [accountId],
      body: "",
      disclosures: [{ field: "victimNames", justification: "银行核对付款人身份需要姓名" }],
      send: true,
    });
    const liaison = await liaisonOf(bank.id);
    const seen = await getInboxRequest(await db(), liaison, { number: made.number });
    expect(seen.sharedVictims.map((v) => v.name).sort()).toEqual(["张三", "李四"]);
    expect(seen.sharedVictims.every((v) => v.phone === undefined && v.narrative === undefined)).toBe(true);
    expect(seen.disclosures).toEqual([{ field: "victimNames", justification: "银行核对付款人身份需要姓名" }]);
  });

  it("refuses short justifications, identifiers of the wrong kind or another case, and changes nothing", async () => {
    const client = await db();
    const before = await client.liaisonRequest.count();
    const base = {
      caseNumber: kase.number,
      orgId: bank.id,
      kind: "freeze_accounts" as const,
      identifierIds: [accountId],
      body: "",
      disclosures: [],
      send: true,
    };
    await expect(
      createRequest(client, investigator, { ...base, disclosures: [{ field: "victimPhones", justification: "need" }] }),
    ).rejects.toBeInstanceOf(LiaisonError);
    const phoneId = (await client.reportIdentifier.findFirstOrThrow({
      where: { report: { caseId: kase.caseId }, identifier: { kind: "phone" } },
      select: { identifierId: true },
    }))!.identifierId;
    await expect(createRequest(client, investigator, { ...base, identifierIds: [phoneId] })).rejects.toBeInstanceOf(
      LiaisonError,
    );
    const elsewhere = await caseOf((await add({ payees: [{ kind: "bank_account", value: card() }] }))[0]!);
    const foreign = await client.reportIdentifier.findFirstOrThrow({
      where: { report: { caseId: elsewhere.caseId } },
      select: { identifierId: true },
    });
    await expect(
      createRequest(client, investigator, { ...base, identifierIds: [foreign.identifierId] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.liaisonRequest.count()).toBe(before);
  });

  it("a liaison sees only its organisation's sent requests; answers flow back to the case", async () => {
    const client = await db();
    const draft = await createRequest(client, investigator, {
      caseNumber: kase.number,
      orgId: bank.id,
      kind: "freeze_accounts",
      identifierIds: [accountId],
      body: "",
      disclosures: [],
      send: false,
    });
    const sent = await createRequest(client, investigator, {
      caseNumber: kase.number,
      orgId: bank.id,
      kind: "freeze_accounts",
      identifierIds: [accountId],
      body: "",
      disclosures: [],
      send: true,
    });
    const mine = await liaisonOf(bank.id);
    const theirs = await liaisonOf(other.id);
    const inbox = (await listInbox(client, mine)).map((r) => r.number);
    expect(inbox).toContain(sent.number);
    expect(inbox).not.toContain(draft.number);
    expect(await listInbox(client, theirs)).toEqual([]);
    await expect(getInboxRequest(client, theirs, { number: sent.number })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getInboxRequest(client, mine, { number: draft.number })).rejects.toBeInstanceOf(NotFoundError);
    await expect(acknowledgeRequest(client, theirs, { number: sent.number })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listCaseRequests(client, mine, { caseNumber: kase.number })).rejects.toBeInstanceOf(ForbiddenError);

    await acknowledgeRequest(client, mine, { number: sent.number });
    const request = await getInboxRequest(client, mine, { number: sent.number });
    const item = request.items[0]!;
    const answer = { number: sent.number, itemId: item.id, note: "", attachment: null, recoveredMinor: null };
    await expect(answerItem(client, mine, { ...answer, outcome: "blocked", frozenMinor: null })).rejects.toBeInstanceOf(
      LiaisonError,
    );
    await expect(answerItem(client, mine, { ...answer, outcome: "frozen", frozenMinor: null })).rejects.toBeInstanceOf(
      LiaisonError,
    );
    await expect(
      answerItem(client, theirs, { ...answer, outcome: "frozen", frozenMinor: 3_800_000n }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const frozenBefore = (await client.case.findUniqueOrThrow({ where: { id: kase.caseId } })).frozenMinor;
    await answerItem(client, mine, { ...answer, outcome: "frozen", frozenMinor: 3_800_000n });
    const after = await client.case.findUniqueOrThrow({ where: { id: kase.caseId } });
    expect(after.frozenMinor - frozenBefore).toBe(3_800_000n);
    expect((await getInboxRequest(client, mine, { number: sent.number })).status).toBe("answered");

    // Closing through another case's number is "not found"; through its own, it closes.
    const elsewhere = await caseOf((await add({ contacts: [{ kind: "phone", value: phone() }] }))[0]!);
    await expect(
      closeRequest(client, investigator, { caseNumber: elsewhere.number, number: sent.number }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await closeRequest(client, investigator, { caseNumber: kase.number, number: sent.number });
    await expect(
      answerItem(client, mine, { ...answer, outcome: "withdrawn", frozenMinor: null }),
    ).rejects.toBeInstanceOf(LiaisonError);
    // A draft is sent later: its due time starts then.
    await sendRequest(client, investigator, { caseNumber: kase.number, number: draft.number });
    expect((await listInbox(client, mine)).map((r) => r.number)).toContain(draft.number);
  });

  it("a merge moves the requests and their frozen sum to the kept case", async () => {
    const client = await db();
    const a = card();
    const b = card();
    const [x] = await add({ payees: [{ kind: "bank_account", value: a }] });
    const [y] = await add({ payees: [{ kind: "bank_account", value: b }] });
    const cy = await caseOf(y!);
    const bId = (await client.identifier.findFirstOrThrow({ where: { kind: "bank_account", value: b } })).id;
    const sent = await createRequest(client, investigator, {
      caseNumber: cy.number,
      orgId: bank.id,
      kind: "freeze_accounts",
      identifierIds: [bId],
      body: "",
      disclosures: [],
      send: true,
    });
    const liaison = await liaisonOf(bank.id);
    const item = (await getInboxRequest(client, liaison, { number: sent.number })).items[0]!;
    await answerItem(client, liaison, {
      number: sent.number,
      itemId: item.id,
      outcome: "frozen",
      frozenMinor: 500_000n,
      recoveredMinor: null,
      note: "",
      attachment: null,
    });
    // A report naming both accounts joins the two cases.
    await add({
      payees: [
        { kind: "bank_account", value: a },
        { kind: "bank_account", value: b },
      ],
    });
    const kept = await caseOf(x!);
    expect((await caseOf(y!)).caseId).toBe(kept.caseId);
    const row = await client.case.findUniqueOrThrow({ where: { id: kept.caseId } });
    expect(row.frozenMinor).toBe(500_000n);
    expect(row.requestsDueAt).toBeNull();
    const moved = await listCaseRequests(client, investigator, { caseNumber: kept.number });
    expect(moved.map((r) => r.number)).toContain(sent.number);
  });
});
