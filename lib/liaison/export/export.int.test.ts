/**
 * Exports at the service layer, on a real database: who may export which
 * request or case, that a file carries only the victim fields disclosed (and
 * the case file reports only with the PII permission), that warning-listed
 * identifiers stay out of the MISP event, and that every export is audited
 * with its id, format and fields.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor, ServiceContext } from "@/lib/auth/permissions";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { createRequest } from "../requests";
import { exportCase, exportRequest, loadCaseExport, type CaseExportFormat, type RequestExportFormat } from "./index";
import { unit } from "./test-support/fixtures";
import { pdfText } from "./test-support/pdf-text";
import { victimNameKey } from "@/lib/reports/victim-key";

afterAll(async () => (await db()).$disconnect());

/** A Luhn-valid ICBC debit card number nobody else in the test database uses. */
function card(): string {
  const body = `622202${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

type Ctx = ServiceContext & { actor: Actor };
let investigator: Ctx;
let analyst: Ctx;
let liaisonA: Ctx;
let liaisonB: Ctx;
let kase: { number: string };
let account: string;
let serviceLine: string;
let sent: string;
let draft: string;

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const req = (number: string, format: RequestExportFormat) => ({
  number,
  format,
  locale: "zh-CN" as const,
  unit,
  exportId: `EX-TEST-${randomUUID().slice(0, 8)}`,
});
const kaseReq = (format: CaseExportFormat, withoutReports = false) => ({
  number: kase.number,
  format,
  locale: "zh-CN" as const,
  unit,
  exportId: `EX-TEST-${randomUUID().slice(0, 8)}`,
  withoutReports,
});

async function liaisonOf(orgId: string): Promise<Ctx> {
  const user = await (
    await db()
  ).user.create({
    data: { email: `l-${randomUUID()}@example.test`, role: "liaison", orgId, passwordHash: "x" },
    select: { id: true, role: true, orgId: true },
  });
  return { actor: user, ip: "203.0.113.20" };
}

beforeAll(async () => {
  const client = await db();
  investigator = await staff("investigator");
  analyst = await staff("analyst");
  const bankA = await client.organisation.create({ data: { name: `工商银行 ${randomUUID()}`, kind: "bank" } });
  const bankB = await client.organisation.create({ data: { name: `Bank ${randomUUID()}`, kind: "bank" } });
  liaisonA = await liaisonOf(bankA.id);
  liaisonB = await liaisonOf(bankB.id);
  account = card();
  serviceLine = phone();
  const caller = phone();
  const ids = await add(
    {
      contacts: [
        { kind: "phone", value: caller },
        { kind: "phone", value: serviceLine },
      ],
      payees: [{ kind: "bank_account", value: account }],
      amount: 20_000,
      victimName: "王小红",
      victimPhone: "13912345678",
      narrative: "对方自称快递客服",
    },
    {
      contacts: [{ kind: "phone", value: caller }],
      payees: [{ kind: "bank_account", value: account }],
      amount: 18_000.5,
      victimName: "赵大明",
    },
  );
  kase = await caseOf(ids[0]!);
  // The second number is a service line on the warning list: never an indicator.
  const line = await client.identifier.findFirstOrThrow({
    where: { kind: "phone", value: { endsWith: serviceLine } },
    select: { value: true },
  });
  await client.warningListEntry.create({ data: { kind: "phone", value: line.value, label: "test service line" } });
  const accountId = (await client.identifier.findFirstOrThrow({ where: { kind: "bank_account", value: account } })).id;
  const base = {
    caseNumber: kase.number,
    orgId: bankA.id,
    kind: "freeze_accounts" as const,
    identifierIds: [accountId],
    body: "请紧急止付并冻结涉案资金",
  };
  sent = (
    await createRequest(client, investigator, {
      ...base,
      disclosures: [{ field: "victimNames", justification: "银行需核对转账人姓名以定位交易" }],
      send: true,
    })
  ).number;
  draft = (await createRequest(client, investigator, { ...base, disclosures: [], send: false })).number;
});

async function lastAudit(action: string, resourceId: string) {
  return (await db()).auditEvent.findFirstOrThrow({
    where: { action, resourceId },
    orderBy: { id: "desc" },
    select: { actorId: true, ip: true, detail: true },
  });
}

describe("request exports", () => {
  it("an investigator's CSV carries the disclosed names only, and the export is audited", async () => {
    const input = req(sent, "csv");
    const file = await exportRequest(await db(), investigator, input);
    const text = decode(file.body);
    expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain(sent);
    expect(text).toContain(kase.number);
    expect(text).toContain("38000.50");
    expect(text).toContain("王小红");
    expect(text).toContain("银行需核对转账人姓名以定位交易");
    for (const secret of ["13912345678", "对方自称快递客服"]) expect(text).not.toContain(secret);
    const audit = await lastAudit("request.export", sent);
    expect(audit.actorId).toBe(investigator.actor.id);
    expect(audit.detail).toMatchObject({
      exportId: input.exportId,
      format: "csv",
      caseNumber: kase.number,
      victimFields: ["victimNames"],
      victims: 2,
    });
  });

  it("the organisation's liaison gets the JSON and the PDF of a sent request", async () => {
    const json = JSON.parse(decode((await exportRequest(await db(), liaisonA, req(sent, "json"))).body));
    expect(json.request.number).toBe(sent);
    expect(json.items[0].paid.minor).toBe("3800050");
    const pdf = await exportRequest(await db(), liaisonA, req(sent, "pdf"));
    const text = (await pdfText(pdf.body)).join("\n");
    expect(text).toContain("冻结");
    expect(text).toContain("工商银行");
    expect((await lastAudit("request.export", sent)).actorId).toBe(liaisonA.actor.id);
  });

  it("another organisation's liaison, a draft, an analyst and a bad number are refused", async () => {
    await expect(exportRequest(await db(), liaisonB, req(sent, "csv"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportRequest(await db(), liaisonA, req(draft, "csv"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportRequest(await db(), analyst, req(sent, "csv"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportRequest(await db(), investigator, req("Q-1999-000001", "csv"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // Staff may export a draft (to read the letter before sending it).
    expect(decode((await exportRequest(await db(), investigator, req(draft, "csv"))).body)).toContain(draft);
  });
});

describe("case exports", () => {
  it("the MISP event names the account and the caller but not the warning-listed line", async () => {
    const input = kaseReq("misp");
    const event = JSON.parse(decode((await exportCase(await db(), investigator, input)).body)).Event;
    const values = event.Attribute.map((a: { value: string }) => a.value);
    expect(values).toContain(account);
    expect(values.some((v: string) => v.endsWith(serviceLine))).toBe(false);
    expect(JSON.stringify(event)).not.toContain("王小红");
    expect((await lastAudit("case.export", kase.number)).detail).toMatchObject({
      exportId: input.exportId,
      format: "misp",
      reports: 0,
    });
  });

  it("the case file holds the reports only with the PII permission, and not when left out", async () => {
    const withPii = (await pdfText((await exportCase(await db(), investigator, kaseReq("pdf"))).body)).join("\n");
    expect(withPii).toContain(kase.number);
    expect(withPii).toContain("王小红");
    expect((await lastAudit("case.export", kase.number)).detail).toMatchObject({ format: "pdf", reports: 2 });

    const shared = (await pdfText((await exportCase(await db(), investigator, kaseReq("pdf", true))).body)).join("\n");
    expect(shared).toContain(kase.number);
    expect(shared).not.toContain("王小红");
    expect(shared).toContain("未导出：在预警名单上");
  });

  it("the case file's reports mark payments the victim added later, with the addition's time", async () => {
    const client = await db();
    const report = await client.report.findFirstOrThrow({
      // Names are stored encrypted (ADR 0015): found through their keyed hash.
      where: { case: { number: kase.number }, victimNameKey: victimNameKey("赵大明") },
      select: { id: true, reference: true },
    });
    const at = new Date("2026-06-02T02:15:00Z");
    await client.reportAddition.create({
      data: {
        reportId: report.id,
        createdAt: at,
        payments: { create: [{ reportId: report.id, position: 90, amountMinor: 123_400n, payeeValue: card() }] },
      },
    });
    const data = await loadCaseExport(client, investigator, { ...kaseReq("pdf"), reports: true });
    const r = data.reports.find((x) => x.reference === report.reference)!;
    expect(r.payments.map((p) => p.addedAt)).toEqual([null, at]);
    expect(r.additions).toEqual([{ at, contacts: 0, payments: 1, platforms: 0, evidence: 0 }]);
    const other = data.reports.find((x) => x.reference !== report.reference)!;
    expect(other.additions).toEqual([]);
  });

  it("analysts and liaisons cannot export cases", async () => {
    await expect(exportCase(await db(), analyst, kaseReq("pdf"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportCase(await db(), liaisonA, kaseReq("misp"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
