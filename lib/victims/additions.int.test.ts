import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, RateLimitedError } from "@/lib/errors";
import { add, caseOf, phone, staff } from "@/lib/cases/test-support";
import { evidenceDir } from "@/lib/reports/evidence";
import { resetEnvCache } from "@/lib/env";
import { AdditionError, addToReport } from "./additions";
import { additionsOfReports } from "./additions-view";
import { additionSchema, type AdditionFormValues } from "./addition-schema";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
const victim = { actor: null, ip: "203.0.113.50" };

function addition(v: Partial<AdditionFormValues>) {
  return additionSchema.parse({ contacts: [], payments: [], platforms: [], ...v });
}

const payment = (amount: string, payeeValue: string) => ({
  amount,
  currency: "CNY",
  paidAt: "",
  method: "bank_transfer",
  payeeKind: "bank_account",
  payeeValue,
  payeeName: "",
  payeeBank: "",
});

/** A whole Report row and its original child rows, to compare before and after. */
async function snapshot(reportId: number) {
  const client = await db();
  return client.report.findUniqueOrThrow({
    where: { id: reportId },
    include: {
      contacts: { where: { additionId: null }, orderBy: { id: "asc" } },
      payments: { where: { additionId: null }, orderBy: { id: "asc" } },
      platforms: { where: { additionId: null }, orderBy: { id: "asc" } },
    },
  });
}

describe("adding to a report later", () => {
  it("a number named by another report joins the two cases; the original report is unchanged; the loss grows", async () => {
    const client = await db();
    const [mine, theirs] = [phone(), phone()];
    // The victim's report first: its case is the older one and keeps its number.
    const [a] = await add({ contacts: [{ kind: "phone", value: mine }], payees: [], amount: 100 });
    const [b] = await add({
      contacts: [{ kind: "phone", value: theirs }],
      payees: [{ kind: "bank_account", value: "6222020200112233445" }],
      amount: 300,
    });
    const ra = await caseOf(a!);
    const rb = await caseOf(b!);
    expect(ra.caseId).not.toBe(rb.caseId);
    const lossOf = async (id: number) =>
      (await client.case.findUniqueOrThrow({ where: { id }, select: { lossCnyMinor: true } })).lossCnyMinor;
    const before = await snapshot(ra.reportId);
    const lossBefore = (await lossOf(ra.caseId)) + (await lossOf(rb.caseId));

    // The other victim's caller number, spelled differently; and a payment of 250.50 yuan.
    const spelled = `+86 ${theirs.slice(0, 3)}-${theirs.slice(3, 7)}-${theirs.slice(7)}`;
    const done = await addToReport(client, victim, {
      reportId: ra.reportId,
      input: addition({
        contacts: [{ kind: "phone", value: spelled }],
        payments: [payment("250.50", "6217 0000 9999 8888 777")],
        platforms: [{ name: "Taobao", role: "order_leaked" }],
      }),
    });
    expect(done.additionId).toBeGreaterThan(0);

    const na = await caseOf(a!);
    const nb = await caseOf(b!);
    expect(nb.caseId).toBe(na.caseId);
    expect(na.number).toBe(ra.number);
    const c = await client.case.findUniqueOrThrow({
      where: { id: na.caseId },
      select: { reportCount: true, victimCount: true, lossCnyMinor: true },
    });
    expect(c.reportCount).toBe(2);
    expect(c.lossCnyMinor).toBe(lossBefore + 25_050n);

    // The report row and its original rows are exactly as they were.
    expect(await snapshot(ra.reportId)).toEqual(before);
    // The new identifiers are the report's now (ReportIdentifier), and the added rows carry the addition.
    const linked = await client.reportIdentifier.count({
      where: { reportId: ra.reportId, identifier: { kind: "phone", value: `+86${theirs}` } },
    });
    expect(linked).toBe(1);
    const rows = await client.reportAddition.findUniqueOrThrow({
      where: { id: done.additionId },
      select: { reportId: true, contacts: true, payments: true, platforms: true },
    });
    expect(rows.reportId).toBe(ra.reportId);
    expect(rows.contacts.map((x) => [x.rawValue, x.position])).toEqual([[spelled, before.contacts.length]]);
    expect(rows.payments.map((p) => p.amountMinor)).toEqual([25_050n]);
    expect(rows.platforms).toHaveLength(1);
    expect(await client.auditEvent.count({ where: { action: "report.addition", resourceId: ra.reference } })).toBe(1);
    // Staff read the addition under the report, each row as the victim gave it.
    const shown = await additionsOfReports(client, await staff("investigator"), {
      caseNumber: na.number,
      reportIds: [ra.reportId],
    });
    expect(shown.get(ra.reportId)).toEqual([
      {
        id: done.additionId,
        at: done.createdAt,
        contacts: [{ kind: "phone", value: spelled }],
        payments: [{ amountMinor: 25_050n, currency: "CNY", payeeValue: "6217 0000 9999 8888 777", payeeName: "" }],
        platforms: [{ name: "Taobao", role: "order_leaked" }],
        evidence: [],
      },
    ]);
  });

  it("a payment alone changes the case's loss (no report moves)", async () => {
    const client = await db();
    const [a] = await add({ contacts: [{ kind: "phone", value: phone() }], amount: 100 });
    const r = await caseOf(a!);
    const before = await client.case.findUniqueOrThrow({ where: { id: r.caseId } });
    await addToReport(client, victim, {
      reportId: r.reportId,
      input: addition({ payments: [payment("4000", "6217 0000 1111 2222 333")] }),
    });
    const after = await client.case.findUniqueOrThrow({ where: { id: r.caseId } });
    expect(after.lossCnyMinor).toBe(before.lossCnyMinor + 400_000n);
    expect(after.reportCount).toBe(before.reportCount);
    expect(after.victimCount).toBe(before.victimCount);
    expect((await caseOf(a!)).caseId).toBe(r.caseId);

    // A platform alone links nothing anew, but the case's platforms grow.
    await addToReport(client, victim, {
      reportId: r.reportId,
      input: addition({ platforms: [{ name: "Pinduoduo", role: "order_leaked" }] }),
    });
    const pdd = await client.platform.findFirstOrThrow({ where: { key: "pinduoduo" }, select: { id: true } });
    const withPlatform = await client.case.findUniqueOrThrow({ where: { id: r.caseId } });
    expect(withPlatform.platformIds).toContain(pdd.id);
    expect(withPlatform.lossCnyMinor).toBe(after.lossCnyMinor);
  });

  it("evidence is stored with the addition; staff see additions with their time, evidence only with permission", async () => {
    const client = await db();
    const [a, other] = await add(
      { contacts: [{ kind: "phone", value: phone() }] },
      { contacts: [{ kind: "phone", value: phone() }] },
    );
    const r = await caseOf(a!);
    const o = await caseOf(other!);
    const file = new File([PNG], "聊天截图.png", { type: "image/png" });
    const done = await addToReport(client, victim, {
      reportId: r.reportId,
      input: addition({ contacts: [{ kind: "wechat", value: "scam_helper_88" }] }),
      files: [file],
    });
    const ev = await client.evidence.findFirstOrThrow({ where: { additionId: done.additionId } });
    expect(ev.reportId).toBe(r.reportId);
    expect(fs.existsSync(path.join(evidenceDir(), ev.storageKey))).toBe(true);

    const inv = await staff("investigator");
    const seen = await additionsOfReports(client, inv, { caseNumber: r.number, reportIds: [r.reportId, o.reportId] });
    expect([...seen.keys()]).toEqual([r.reportId]); // the other case's report is ignored
    expect(seen.get(r.reportId)).toEqual([
      {
        id: done.additionId,
        at: done.createdAt,
        contacts: [{ kind: "wechat", value: "scam_helper_88" }],
        payments: [],
        platforms: [],
        evidence: [{ id: ev.id, originalName: "聊天截图.png" }],
      },
    ]);
    const analyst = await staff("analyst");
    const forAnalyst = await additionsOfReports(client, analyst, { caseNumber: r.number, reportIds: [r.reportId] });
    expect(forAnalyst.get(r.reportId)![0]!.evidence).toEqual([]);
    await expect(
      additionsOfReports(client, await staff("liaison"), { caseNumber: r.number, reportIds: [r.reportId] }),
    ).rejects.toThrow(ForbiddenError);
  });

  it("refuses an empty addition, an unknown report, and more than the daily allowance per report", async () => {
    // The allowance is a setting (ADDITIONS_PER_REPORT_PER_DAY); a small one here shows it is read.
    const perDay = 3;
    process.env.ADDITIONS_PER_REPORT_PER_DAY = String(perDay);
    resetEnvCache();
    onTestFinished(() => {
      delete process.env.ADDITIONS_PER_REPORT_PER_DAY;
      resetEnvCache();
    });
    const client = await db();
    const [a] = await add({ contacts: [{ kind: "phone", value: phone() }] });
    const r = await caseOf(a!);
    await expect(addToReport(client, victim, { reportId: r.reportId, input: addition({}) })).rejects.toThrow(
      AdditionError,
    );
    await expect(
      addToReport(client, victim, {
        reportId: 2_000_000_000,
        input: addition({ platforms: [{ name: "JD", role: "other" }] }),
      }),
    ).rejects.toThrow(NotFoundError);
    for (let k = 0; k < perDay; k++)
      await addToReport(client, victim, {
        reportId: r.reportId,
        input: addition({ platforms: [{ name: `Shop ${k}`, role: "other" }] }),
      });
    await expect(
      addToReport(client, victim, {
        reportId: r.reportId,
        input: addition({ platforms: [{ name: "More", role: "other" }] }),
      }),
    ).rejects.toThrow(RateLimitedError);
    expect(await client.reportAddition.count({ where: { reportId: r.reportId } })).toBe(perDay);
  });

  it("refuses more rows of a kind than ADDITION_MAX_ROWS in one addition", async () => {
    process.env.ADDITION_MAX_ROWS = "1";
    resetEnvCache();
    onTestFinished(() => {
      delete process.env.ADDITION_MAX_ROWS;
      resetEnvCache();
    });
    const client = await db();
    const [a] = await add({ contacts: [{ kind: "phone", value: phone() }] });
    const r = await caseOf(a!);
    const two = addition({ platforms: [0, 1].map((k) => ({ name: `Rows shop ${k}`, role: "other" as const })) });
    await expect(addToReport(client, victim, { reportId: r.reportId, input: two })).rejects.toThrow(AdditionError);
    const one = addition({ platforms: [{ name: "Rows shop", role: "other" }] });
    await expect(addToReport(client, victim, { reportId: r.reportId, input: one })).resolves.toMatchObject({
      additionId: expect.any(Number),
    });
  });

  it("the form's schema carries no report: a posted reportId is dropped", () => {
    const parsed = additionSchema.parse({ reportId: 1, contacts: [], payments: [], platforms: [] });
    expect(parsed).not.toHaveProperty("reportId");
  });
});
