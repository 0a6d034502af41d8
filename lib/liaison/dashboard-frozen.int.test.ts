/**
 * The dashboard's "frozen vs lost" figures: lost is the CNY the reports of a
 * month paid (as the dashboard computes it), frozen the organisations' frozen
 * answers by the month they were given (China time), drafts left out. The
 * data lives in 2004, which no other test uses; answer times are set to fixed
 * instants after answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { loadDashboard } from "@/lib/cases";
import { add, caseOf, staff } from "@/lib/cases/test-support";
import { answerItem } from "./answers";
import { createRequest } from "./requests";
import { cardOf as card, identifierId, liaisonOf, organisation } from "./panel-test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext & { actor: Actor };
const year = { from: "2004-01-01", to: "2004-12-31" };

/** A sent freeze request for the accounts, each answered "frozen" with the amount at the instant given. */
async function frozen(caseNumber: string, answers: { account: string; fen: bigint; at: string }[]) {
  const client = await db();
  const bank = await organisation("bank");
  const ids = await Promise.all(answers.map((a) => identifierId("bank_account", a.account)));
  const made = await createRequest(client, investigator, {
    caseNumber,
    orgId: bank.id,
    kind: "freeze_accounts",
    identifierIds: ids,
    body: "",
    disclosures: [],
    send: true,
  });
  const liaison = await liaisonOf(bank.id);
  const items = await client.liaisonRequestItem.findMany({
    where: { request: { number: made.number } },
    select: { id: true, identifierId: true },
  });
  for (const [k, a] of answers.entries()) {
    const item = items.find((i) => i.identifierId === ids[k])!;
    await answerItem(client, liaison, {
      number: made.number,
      itemId: item.id,
      outcome: "frozen",
      frozenMinor: a.fen,
      recoveredMinor: null,
      note: "",
      attachment: null,
    });
    await client.liaisonRequestItem.update({ where: { id: item.id }, data: { answeredAt: new Date(a.at) } });
  }
  return made.number;
}

describe("frozen vs lost per month", () => {
  beforeAll(async () => {
    investigator = await staff("investigator");
    const [a, b, c] = [card(), card(), card()];
    // March 2004: 3,000 + 1,000.50 lost; May: 500 lost.
    const [x] = await add(
      { incidentDate: "2004-03-10", payees: [{ kind: "bank_account", value: a }], amount: 3000 },
      { incidentDate: "2004-03-20", payees: [{ kind: "bank_account", value: a }], amount: 1000.5 },
    );
    const [y] = await add({ incidentDate: "2004-05-02", payees: [{ kind: "bank_account", value: b }], amount: 500 });
    const cx = await caseOf(x!);
    const cy = await caseOf(y!);
    await frozen(cx.number, [
      // 07:30 on 1 April in Beijing is still 31 March in UTC: April.
      { account: a, fen: 250_000n, at: "2004-03-31T23:30:00Z" },
    ]);
    await frozen(cy.number, [{ account: b, fen: 40_000n, at: "2004-06-15T02:00:00Z" }]);
    // A draft's item with an amount (never answered by anyone) is left out.
    const [z] = await add({ incidentDate: "2004-02-02", payees: [{ kind: "bank_account", value: c }], amount: 10 });
    const cz = await caseOf(z!);
    const client = await db();
    const bank = await organisation("bank");
    const cId = await identifierId("bank_account", c);
    const draft = await createRequest(client, investigator, {
      caseNumber: cz.number,
      orgId: bank.id,
      kind: "freeze_accounts",
      identifierIds: [cId],
      body: "",
      disclosures: [],
      send: false,
    });
    await client.liaisonRequestItem.updateMany({
      where: { request: { number: draft.number } },
      data: { outcome: "frozen", frozenMinor: 999_900n, answeredAt: new Date("2004-02-10T00:00:00Z") },
    });
  }, 120_000);

  it("lost by incident month, frozen by answer month (China time), months between filled, drafts left out", async () => {
    const d = await loadDashboard(await db(), investigator, { range: year });
    expect(d.frozen).toEqual([
      { month: "2004-02", lostMinor: 1000n, frozenMinor: 0n },
      { month: "2004-03", lostMinor: 400_050n, frozenMinor: 0n },
      { month: "2004-04", lostMinor: 0n, frozenMinor: 250_000n },
      { month: "2004-05", lostMinor: 50_000n, frozenMinor: 0n },
      { month: "2004-06", lostMinor: 0n, frozenMinor: 40_000n },
    ]);
  });

  it("the range cuts answers on China-time days", async () => {
    const april = await loadDashboard(await db(), investigator, { range: { from: "2004-04-01", to: "2004-04-30" } });
    expect(april.frozen).toEqual([{ month: "2004-04", lostMinor: 0n, frozenMinor: 250_000n }]);
    const march = await loadDashboard(await db(), investigator, { range: { from: "2004-03-01", to: "2004-03-31" } });
    expect(march.frozen).toEqual([{ month: "2004-03", lostMinor: 400_050n, frozenMinor: 0n }]);
  });
});
