import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/sql";
import { systemActor, type ServiceContext } from "@/lib/auth/permissions";
import { reportFormSchema } from "@/lib/reports/schema";
import { submitReport } from "@/lib/reports/service";
import { decide, revokeDecision } from "./workflow/decisions";
import { explainCase, explainReportChain } from "./views/explain";
import { resolveCaseNumber } from "./scope";
import { reclusterAll } from "./store/recluster";
import { addWarningEntry, removeWarningEntry } from "./workflow/warning-list";
import { getCaseHead, matchInsertedReports } from "./index";
import { add, caseOf, phone, staff } from "./test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext;
let admin: ServiceContext;
const tool = { actor: systemActor("test") };
beforeAll(async () => {
  investigator = await staff("investigator");
  admin = await staff("admin");
});

describe("incremental matching", () => {
  it("joins reports sharing a number however it was typed, and merges cases into the oldest", async () => {
    const x = phone();
    const y = phone();
    const [a] = await add({
      contacts: [{ kind: "phone", value: `+86 ${x.slice(0, 3)} ${x.slice(3, 7)} ${x.slice(7)}` }],
    });
    const [b] = await add({ contacts: [{ kind: "phone", value: y }] });
    const ca = await caseOf(a!);
    const cb = await caseOf(b!);
    expect(ca.caseId).not.toBe(cb.caseId);
    const [c] = await add({
      contacts: [
        { kind: "phone", value: `0086-${x}` },
        { kind: "wechat", value: y },
      ],
    });
    const cc = await caseOf(c!);
    // The older case keeps its number; the other number still resolves.
    expect(cc.number).toBe(ca.number);
    expect((await caseOf(b!)).number).toBe(ca.number);
    expect(await resolveCaseNumber(await db(), cb.number)).toMatchObject({ caseId: ca.caseId, via: cb.number });
    const stats = await (
      await db()
    ).case.findUniqueOrThrow({ where: { id: ca.caseId }, select: { reportCount: true, lossCnyMinor: true } });
    expect(stats.reportCount).toBe(3);
  });

  it("totals the case's losses per currency over its reports' payments, to the fen", async () => {
    const account = `62170000${randomInt(10_000_000, 99_999_999)}977`;
    const payee = { kind: "bank_account", value: account, name: "Loss Total" };
    const [a, b] = await add({ payees: [payee], amount: 250.5 }, { payees: [payee], amount: 0.07 });
    const { caseId, number } = await caseOf(a!);
    expect((await caseOf(b!)).caseId).toBe(caseId);
    const { reportId } = await caseOf(b!);
    await (await db()).payment.create({ data: { reportId, position: 9, amountMinor: 1_999n, currency: "USD" } });
    const head = await getCaseHead(await db(), investigator, { number });
    expect(head.lossByCurrency).toEqual([
      { currency: "CNY", minor: 25_057n },
      { currency: "USD", minor: 1_999n },
    ]);
  });

  it("links a partial account to the full one only with the same holder, never on the last four alone", async () => {
    const digits = `62170000${randomInt(10_000_000, 99_999_999)}988`;
    const last4 = digits.slice(-4);
    const [full] = await add({
      payees: [{ kind: "bank_account", value: digits.replace(/(\d{4})/g, "$1 "), name: "Xiao Momin" }],
    });
    const [partial] = await add({ payees: [{ kind: "bank_account", value: `尾号${last4}`, name: "xiao  MOMIN" }] });
    const [masked] = await add({ payees: [{ kind: "bank_account", value: `****${last4}`, name: "XiaoMomin" }] });
    const [otherName] = await add({
      payees: [{ kind: "bank_account", value: `ending in ${last4}`, name: "Wang Wei" }],
    });
    const [noName] = await add({ payees: [{ kind: "bank_account", value: `尾号${last4}` }] });
    const main = (await caseOf(full!)).caseId;
    expect((await caseOf(partial!)).caseId).toBe(main);
    expect((await caseOf(masked!)).caseId).toBe(main);
    expect((await caseOf(otherName!)).caseId).not.toBe(main);
    expect((await caseOf(noName!)).caseId).not.toBe(main);
  });

  it("never links on warning-listed hotlines, the victim's own number or platforms", async () => {
    const victim = phone();
    const [a] = await add({
      contacts: [
        { kind: "phone", value: "95311" },
        { kind: "phone", value: "400-820-8888" },
        { kind: "phone", value: victim },
      ],
      victimPhone: victim,
    });
    const [b] = await add({
      contacts: [
        { kind: "phone", value: "95311" },
        { kind: "phone", value: "4008208888" },
      ],
      victimPhone: victim,
    });
    expect((await caseOf(a!)).caseId).not.toBe((await caseOf(b!)).caseId);
  });

  it("puts reports that share a new identifier in one case even when they arrive at the same moment", async () => {
    const shared = phone();
    const values = reportFormSchema.parse({
      scamType: "fake_customer_service_refund",
      incidentDate: "2026-05-25",
      narrative: "Caller knew my order and asked me to transfer money.",
      contacts: [{ kind: "phone", value: shared }],
      payments: [],
      platforms: [],
      victimName: "Li",
      victimPhone: "13905310000",
      victimProvince: "Shandong",
      victimCity: "",
      consent: true,
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        submitReport({ values, files: [], token: randomUUID(), locale: "en", ip: `concurrency-${randomUUID()}` }),
      ),
    );
    const refs = results.map((r) => r.reference);
    const cases = await (
      await db()
    ).report.findMany({ where: { reference: { in: refs } }, select: { caseId: true }, distinct: ["caseId"] });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.caseId).not.toBeNull();
  });

  // The embedded database runs one transaction at a time, so there is no race to test there.
  it.skipIf(inject("embedded"))(
    "links a partial and a full account matched at the same moment (they share only a bridge key)",
    async () => {
      // Every transaction has its report row, then all match at once: without
      // the bridge-key locks each would miss the others' uncommitted rows.
      const client = await db();
      const digits = `62220000${randomInt(10_000_000, 99_999_999)}321`;
      const holder = `Holder ${randomUUID().slice(0, 6)}`;
      const values = [digits, `尾号${digits.slice(-4)}`];
      let arrived = 0;
      let release!: () => void;
      const barrier = new Promise<void>((r) => (release = r));
      const ids = await Promise.all(
        values.map((value) =>
          client.$transaction(async (tx) => {
            const r = await tx.report.create({
              data: { reference: `RACE-${randomUUID()}`, victimPhone: "13905310000" },
              select: { id: true },
            });
            if (++arrived === values.length) release();
            await barrier;
            await matchInsertedReports(
              tx,
              [{ reportId: r.id, report: { payments: [{ payee: { kind: "bank_account", value, name: holder } }] } }],
              { cause: "test" },
            );
            return r.id;
          }),
        ),
      );
      const cases = await client.report.findMany({
        where: { id: { in: ids } },
        select: { caseId: true },
        distinct: ["caseId"],
      });
      expect(cases).toHaveLength(1);
    },
  );
});

describe("manual decisions", () => {
  it("merge, then revoke: the absorbed number comes back", async () => {
    const [a] = await add({ contacts: [{ kind: "qq", value: String(randomInt(1e8, 9e8)) }] });
    const [b] = await add({ contacts: [{ kind: "qq", value: String(randomInt(1e8, 9e8)) }] });
    const ca = await caseOf(a!);
    const cb = await caseOf(b!);
    const { decisionId } = await decide(await db(), investigator, {
      number: ca.number,
      decision: { type: "merge_cases", other: cb.number },
      reason: "same payee on the bank statement",
    });
    expect((await caseOf(b!)).number).toBe(ca.number);
    await reclusterAll(await db(), tool);
    expect((await caseOf(b!)).number).toBe(ca.number);
    await revokeDecision(await db(), investigator, {
      number: cb.number, // the absorbed number still names the case
      decisionId,
      reason: "different rings after all",
    });
    expect((await caseOf(a!)).number).toBe(ca.number);
    expect((await caseOf(b!)).number).toBe(cb.number);
  });

  it("split keeps the groups apart, also through a re-cluster, until revoked", async () => {
    const x = phone();
    const ids = await add(
      { contacts: [{ kind: "phone", value: x }] },
      { contacts: [{ kind: "phone", value: x }] },
      { contacts: [{ kind: "phone", value: x }] },
    );
    const first = await caseOf(ids[0]!);
    const moved = (await caseOf(ids[2]!)).reportId;
    const { decisionId } = await decide(await db(), investigator, {
      number: first.number,
      decision: { type: "split_case", reportIds: [moved] },
      reason: "victim 3 called a different ring",
    });
    const after = await caseOf(ids[2]!);
    expect(after.caseId).not.toBe(first.caseId);
    expect((await caseOf(ids[1]!)).caseId).toBe(first.caseId);
    // A new report with the shared number joins one group; the groups stay apart.
    const [late] = await add({ contacts: [{ kind: "phone", value: x }] });
    expect([first.caseId, after.caseId]).toContain((await caseOf(late!)).caseId);
    expect((await caseOf(ids[2]!)).caseId).not.toBe((await caseOf(ids[0]!)).caseId);
    await reclusterAll(await db(), tool);
    expect((await caseOf(ids[2]!)).caseId).not.toBe((await caseOf(ids[0]!)).caseId);
    await revokeDecision(await db(), investigator, { number: after.number, decisionId, reason: "undo" });
    expect((await caseOf(ids[2]!)).caseId).toBe((await caseOf(ids[0]!)).caseId);
    expect((await caseOf(ids[0]!)).number).toBe(first.number);
  });

  it("detach and do-not-link an identifier, reversibly", async () => {
    const x = phone();
    const y = phone();
    const ids = await add(
      {
        contacts: [
          { kind: "phone", value: x },
          { kind: "phone", value: y },
        ],
      },
      { contacts: [{ kind: "phone", value: x }] },
      { contacts: [{ kind: "phone", value: y }] },
    );
    const base = (await caseOf(ids[0]!)).caseId;
    expect((await caseOf(ids[2]!)).caseId).toBe(base);
    const detached = await decide(await db(), investigator, {
      number: (await caseOf(ids[0]!)).number,
      decision: { type: "detach_report", reportId: (await caseOf(ids[0]!)).reportId },
      reason: "duplicate of another report",
    });
    // Without report 0, nothing joins x and y any more.
    expect((await caseOf(ids[1]!)).caseId).not.toBe((await caseOf(ids[2]!)).caseId);
    expect((await caseOf(ids[0]!)).caseId).not.toBe((await caseOf(ids[1]!)).caseId);
    await revokeDecision(await db(), investigator, {
      number: (await caseOf(ids[0]!)).number,
      decisionId: detached.decisionId,
      reason: "undo",
    });
    expect((await caseOf(ids[1]!)).caseId).toBe((await caseOf(ids[2]!)).caseId);

    const xId = (
      await (
        await db()
      ).identifier.findFirstOrThrow({ where: { kind: "phone", value: `+86${x}` }, select: { id: true } })
    ).id;
    const noLink = await decide(await db(), investigator, {
      number: (await caseOf(ids[1]!)).number,
      decision: { type: "no_link_identifier", identifierId: xId },
      reason: "shared call-centre number",
    });
    expect((await caseOf(ids[1]!)).caseId).not.toBe((await caseOf(ids[0]!)).caseId);
    expect((await caseOf(ids[2]!)).caseId).toBe((await caseOf(ids[0]!)).caseId);
    const ex = await explainCase(await db(), investigator, { number: (await caseOf(ids[0]!)).number });
    expect(ex?.identifiers.find((i) => i.id === xId)?.blockedReason).toBe("do-not-link");
    await revokeDecision(await db(), investigator, {
      number: (await caseOf(ids[1]!)).number,
      decisionId: noLink.decisionId,
      reason: "undo",
    });
    expect((await caseOf(ids[1]!)).caseId).toBe((await caseOf(ids[0]!)).caseId);
  });

  it("warning-list edits split and rejoin the cases they affect", async () => {
    const x = phone();
    const ids = await add({ contacts: [{ kind: "phone", value: x }] }, { contacts: [{ kind: "phone", value: x }] });
    expect((await caseOf(ids[0]!)).caseId).toBe((await caseOf(ids[1]!)).caseId);
    const { entry } = await addWarningEntry(await db(), admin, {
      kind: "phone",
      match: "exact",
      value: x,
      label: "Courier outlet",
    });
    expect(entry.value).toBe(`+86${x}`);
    expect((await caseOf(ids[0]!)).caseId).not.toBe((await caseOf(ids[1]!)).caseId);
    await removeWarningEntry(await db(), admin, { id: entry.id });
    expect((await caseOf(ids[0]!)).caseId).toBe((await caseOf(ids[1]!)).caseId);
  });
});

describe("explanations", () => {
  it("names the identifiers that link a case and the chain to each report", async () => {
    const x = phone();
    const y = phone();
    const ids = await add(
      { submittedAt: "2026-06-01T10:00:00+08:00", contacts: [{ kind: "phone", value: x }] },
      {
        submittedAt: "2026-06-02T10:00:00+08:00",
        contacts: [
          { kind: "phone", value: x },
          { kind: "url", value: `https://refund-${y}.cn/a?b=1` },
        ],
      },
      {
        submittedAt: "2026-06-03T10:00:00+08:00",
        contacts: [{ kind: "url", value: `http://WWW.refund-${y}.cn:8080/other` }],
      },
    );
    const c = await caseOf(ids[2]!);
    const ex = await explainCase(await db(), investigator, { number: c.number });
    expect(ex!.reports).toBe(3);
    expect(
      ex!.identifiers
        .filter((i) => i.linking)
        .map((i) => [i.kind, i.reports])
        .sort(),
    ).toEqual([
      ["phone", 2],
      ["url", 2],
    ]);
    const chain = await explainReportChain(await db(), investigator, { number: c.number, reference: c.reference });
    expect(chain!.map((s) => s.type)).toEqual(["report", "identifier", "report", "identifier", "report"]);
    expect(chain!.at(-1)).toMatchObject({ type: "report", id: c.reportId });
  });
});

describe("bridges inside one import batch", () => {
  it("links a partial and a full account that arrive in the same batch", async () => {
    const digits = `62170000${randomInt(10_000_000, 99_999_999)}777`;
    const [full, partial] = await add(
      { payees: [{ kind: "bank_account", value: digits, name: "Zhou Jie" }] },
      { payees: [{ kind: "bank_account", value: `尾号${digits.slice(-4)}`, name: "ZHOU JIE" }] },
    );
    expect((await caseOf(full!)).caseId).toBe((await caseOf(partial!)).caseId);
  });
});

describe("case numbers", () => {
  it("keep counting past 99,999 without truncating (C-2026-100000, not C-2026-10000)", async () => {
    const client = await db();
    const n = (await client.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT last_value AS n FROM case_number_seq`))[0]!.n;
    if (n < 99_998n) await client.$executeRaw(Prisma.sql`SELECT setval('case_number_seq', 99998)`);
    const ids = await add(
      { contacts: [{ kind: "qq", value: String(randomInt(1e9, 2e9)) }] },
      { contacts: [{ kind: "qq", value: String(randomInt(1e9, 2e9)) }] },
      { contacts: [{ kind: "qq", value: String(randomInt(1e9, 2e9)) }] },
    );
    const numbers = await Promise.all(ids.map(async (e) => (await caseOf(e)).number));
    expect(new Set(numbers).size).toBe(3);
    for (const num of numbers) expect(num).toMatch(/^C-\d{4}-\d{5,}$/);
    expect(numbers.some((num) => /^C-\d{4}-\d{6,}$/.test(num))).toBe(true);
  });
});
