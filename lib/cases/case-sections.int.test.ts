/** The case page's sections: the head, report pages forwards and back, and the audit of each page viewed. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import { getCaseHead, getCaseReports, REPORTS_PER_PAGE } from "./views/case-sections";
import { getCaseDetail } from "./views/detail";
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
