/** The case page's sections: the head, report pages forwards and back, and the audit of each page viewed. */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import { getCaseHead, getCaseReports, REPORTS_PER_PAGE } from "./views/case-sections";
import { getCaseDetail } from "./views/detail";
import { importReports } from "@/lib/interchange/import";
import { add, caseOf, phone, staff } from "./test-support";

afterAll(async () => (await db()).$disconnect());

const TOTAL = REPORTS_PER_PAGE * 2 + 3;
let investigator: ServiceContext;
let analyst: ServiceContext;
let liaison: ServiceContext;
let number: string;

beforeAll(async () => {
  [investigator, analyst, liaison] = await Promise.all([staff("investigator"), staff("analyst"), staff("liaison")]);
  const x = phone();
  const ids = await add(
    ...Array.from({ length: TOTAL }, (_, k) => ({
      contacts: [{ kind: "phone", value: x }],
      victimName: `Victim ${k}`,
    })),
  );
  number = (await caseOf(ids[0]!)).number;
});

it("pages through the reports forwards and back, saying where each page stands", async () => {
  const client = await db();
  const head = await getCaseHead(client, investigator, { number });
  expect(head.reportCount).toBe(TOTAL);
  const key = { id: head.id, number: head.number };

  const first = await getCaseReports(client, investigator, { case: key });
  expect(first.reports).toHaveLength(REPORTS_PER_PAGE);
  expect(first.position).toBe(0);
  expect(first.previous).toBeNull();
  expect(first.reportsCursor).toBe(first.reports.at(-1)!.id);

  const second = await getCaseReports(client, investigator, { case: key, afterReport: first.reportsCursor! });
  expect(second.position).toBe(REPORTS_PER_PAGE);
  expect(second.previous).toEqual({}); // the first page: no cursor
  expect(second.reports[0]!.id).toBeGreaterThan(first.reports.at(-1)!.id);

  const third = await getCaseReports(client, investigator, { case: key, afterReport: second.reportsCursor! });
  expect(third.position).toBe(REPORTS_PER_PAGE * 2);
  expect(third.reports).toHaveLength(3);
  expect(third.reportsCursor).toBeNull();
  expect(third.previous).toEqual({ after: first.reportsCursor });
  // The detail the exports read is the first page, as before.
  const detail = await getCaseDetail(client, investigator, { number });
  expect(detail.reports.map((r) => r.id)).toEqual(first.reports.map((r) => r.id));
});

it("audits every page of victims' details viewed, and shows none to an analyst (nothing audited)", async () => {
  const client = await db();
  const head = await getCaseHead(client, investigator, { number });
  const key = { id: head.id, number: head.number };
  const audited = () =>
    client.auditEvent.findMany({
      where: { action: "victim.view", resourceId: number, actorId: investigator.actor.id },
      select: { detail: true },
      orderBy: { id: "asc" },
    });
  const before = (await audited()).length;
  const page = await getCaseReports(client, investigator, { case: key });
  const rows = await audited();
  expect(rows).toHaveLength(before + 1);
  expect(rows.at(-1)!.detail).toEqual({ reports: page.reports.map((r) => r.reference) });
  expect(page.reports[0]!.victim?.name).toMatch(/^Victim /);

  const seen = await getCaseReports(client, analyst, { case: key });
  expect(seen.reports[0]!.victim).toBeNull();
  expect(
    await client.auditEvent.count({ where: { action: "victim.view", resourceId: number, actorId: analyst.actor.id } }),
  ).toBe(0);
  await expect(getCaseReports(client, liaison, { case: key })).rejects.toBeInstanceOf(ForbiddenError);
});

it("reads the head and a report with every child row as stored: amounts to the fen, times, order, notes and aliases", async () => {
  const client = await db();
  const run = randomUUID().slice(0, 8);
  const x = phone();
  // Every identifier is the test's own, so the report starts a case of its own on a reused database.
  const account = `6222 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)} ${randomInt(1000, 9999)} 333`;
  const summary = await importReports(client, [
    JSON.stringify({
      externalId: `ROWS-${run}`,
      submittedAt: "2026-06-01T10:00:00+08:00",
      incidentDate: "2026-05-25",
      scamType: "fake_customer_service_refund",
      narrative: "The caller quoted my order",
      victim: { name: "Row Victim", phone: "13912345678", province: "Zhejiang" },
      contacts: [
        { kind: "phone", value: x },
        { kind: "qq", value: `88${randomInt(100_000, 999_999)}` },
      ],
      payments: [
        {
          amount: "12345678901.99",
          currency: "CNY",
          paidAt: "2026-05-25T15:10:00+08:00",
          payee: { kind: "bank_account", value: account, name: "Holder", bank: "ICBC" },
        },
        { amount: 4000.1, currency: "usd" },
      ],
      platforms: [{ name: `Shop ${run}`, role: "order_leaked" }],
    }),
  ]);
  expect(summary.malformed).toEqual([]);
  const { reportId, caseId, number: n } = await caseOf(`ROWS-${run}`);
  const author = await client.user.create({
    data: { email: `author-${run}@example.test`, name: "", role: "investigator", passwordHash: "x" },
    select: { id: true, email: true },
  });
  await client.case.update({ where: { id: caseId }, data: { assigneeId: author.id } });
  await client.caseAlias.create({ data: { number: `C-1999-${randomInt(10_000, 99_999)}`, caseId } });
  const notes = [
    await client.caseNote.create({
      data: { caseId, authorId: author.id, body: "first", createdAt: new Date("2026-06-02T01:00:00Z") },
    }),
    await client.caseNote.create({
      data: { caseId, authorId: null, body: "second", createdAt: new Date("2026-06-03T01:00:00Z") },
    }),
  ];
  const evidence = await client.evidence.create({
    data: {
      reportId,
      storageKey: `rows-${run}`,
      originalName: "chat.png",
      mime: "image/png",
      size: 1234,
      sha256: "0".repeat(64),
    },
    select: { id: true },
  });

  const head = await getCaseHead(client, investigator, { number: n });
  expect(head.assignee).toEqual({ id: author.id, label: author.email });
  expect(head.aliases).toHaveLength(1);
  expect(head.platforms).toEqual([`Shop ${run}`]);
  expect(head.lossByCurrency).toEqual([
    { currency: "CNY", minor: 1234567890199n },
    { currency: "USD", minor: 400010n },
  ]);
  expect(head.notes).toEqual([
    { id: notes[0]!.id, body: "first", author: author.email, at: new Date("2026-06-02T01:00:00Z") },
    { id: notes[1]!.id, body: "second", author: null, at: new Date("2026-06-03T01:00:00Z") },
  ]);
  // Without read:victim-pii:any the notes are not read at all.
  expect((await getCaseHead(client, analyst, { number: n })).notes).toEqual([]);

  const page = await getCaseReports(client, investigator, { case: { id: head.id, number: head.number } });
  const r = page.reports.find((p) => p.id === reportId)!;
  expect(r.incidentDate).toEqual(new Date("2026-05-25T00:00:00Z"));
  expect(r.submittedAt).toEqual(new Date("2026-06-01T02:00:00Z"));
  expect(r.scamType).toBe("fake_customer_service_refund");
  expect(r.victim).toEqual({
    name: "Row Victim",
    phone: "13912345678",
    city: "",
    narrative: "The caller quoted my order",
  });
  expect(r.contacts.map((c) => c.kind)).toEqual(["phone", "qq"]);
  expect(r.payments).toEqual([
    {
      amountMinor: 1234567890199n,
      currency: "CNY",
      paidAt: new Date("2026-05-25T07:10:00Z"),
      payeeKind: "bank_account",
      payeeValue: account,
      payeeName: "Holder",
      payeeBank: "ICBC",
    },
    {
      amountMinor: 400010n,
      currency: "USD",
      paidAt: null,
      payeeKind: "other",
      payeeValue: "",
      payeeName: "",
      payeeBank: "",
    },
  ]);
  expect(r.platforms).toEqual([{ name: `Shop ${run}`, role: "order_leaked" }]);
  expect(r.evidence).toEqual([{ id: evidence.id, originalName: "chat.png", mime: "image/png", size: 1234 }]);
  // An analyst sees the report but neither the victim nor (without read:evidence:any) the evidence.
  const seen = (await getCaseReports(client, analyst, { case: { id: head.id, number: head.number } })).reports;
  expect(seen.find((p) => p.id === reportId)).toMatchObject({ victim: null, evidence: [] });
});
