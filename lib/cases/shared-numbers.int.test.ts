/** The over-correlation guard through the real paths: reports one by one, an import batch, the full re-cluster. */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/auth/permissions";
import { resetEnvCache } from "@/lib/env";
import { reportWith, submitFromNewAddress } from "@/lib/reports/test-support";
import { reclusterAll } from "./store/recluster";
import { add, caseOf, phone, type TestReport } from "./test-support";

afterAll(async () => (await db()).$disconnect());

const run = randomUUID().slice(0, 8);
const tool = { actor: systemActor("test") };
/** A Shenzhen landline nobody else in the test database uses, as victims type it. */
const landline = () => `0755-${randomInt(20_000_000, 29_999_999)}`;

/** Reports of six unrelated rings (50 in all), each with its own mobile and payees, all naming `shared`. */
function sixRings(shared: string, tag: string): TestReport[][] {
  return [9, 8, 8, 9, 8, 8].map((size, k) => {
    const mobile = phone();
    return Array.from({ length: size }, (_, i) => ({
      externalId: `SN-${run}-${tag}-${k}-${i}`,
      contacts: [
        { kind: "phone", value: mobile },
        { kind: "phone", value: shared },
      ],
      payees: [{ kind: "alipay", value: `sn-${run}-${tag}-${k}-${i % 2}@example.cn` }],
    }));
  });
}

async function casesOf(externalIds: string[]) {
  return Promise.all(externalIds.map(async (e) => (await caseOf(e)).caseId));
}

async function sharedNumberOf(typed: string) {
  const digits = typed.replace(/\D/g, "").replace(/^0/, "");
  return (await db()).sharedNumber.findFirst({
    where: { identifier: { kind: "phone", value: `+86${digits}` } },
    select: { status: true, reports: true, groups: true },
  });
}

describe("an unlisted landline that victims of many rings name", () => {
  it("reported one by one: 50 reports of 6 rings end as 6 cases, and the first case keeps its number", async () => {
    const shared = landline();
    const rings = sixRings(shared, "web");
    const order = rings.flatMap((ring, k) => ring.map((r, i) => ({ r, k, i }))).sort((a, b) => a.i - b.i || a.k - b.k);
    const [first] = await add(order[0]!.r);
    const firstNumber = (await caseOf(first!)).number;
    for (const { r } of order.slice(1)) await add(r);

    const byRing = await Promise.all(rings.map((ring) => casesOf(ring.map((r) => r.externalId!))));
    for (const ids of byRing) expect(new Set(ids).size).toBe(1);
    expect(new Set(byRing.map((ids) => ids[0])).size).toBe(6);
    expect((await caseOf(first!)).number).toBe(firstNumber);
    expect(await sharedNumberOf(shared)).toMatchObject({ status: "held" });
    const reports = await (await db()).report.count({ where: { externalId: { startsWith: `SN-${run}-web-` } } });
    expect(reports).toBe(50);

    // A full re-cluster finds the same and keeps it held.
    await reclusterAll(await db(), tool);
    const again = await Promise.all(rings.map((ring) => casesOf(ring.map((r) => r.externalId!))));
    expect(again).toEqual(byRing);
    expect(await sharedNumberOf(shared)).toMatchObject({ status: "held", groups: 6, reports: 50 });
  });

  it("imported in one batch: 6 cases", async () => {
    const shared = landline();
    const rings = sixRings(shared, "import");
    await add(...rings.flat());
    const byRing = await Promise.all(rings.map((ring) => casesOf(ring.map((r) => r.externalId!))));
    for (const ids of byRing) expect(new Set(ids).size).toBe(1);
    expect(new Set(byRing.map((ids) => ids[0])).size).toBe(6);
    expect(await sharedNumberOf(shared)).toMatchObject({ status: "held", groups: 6, reports: 50 });
  });
});

describe("a real scam number with many victims", () => {
  it("a ring of 60 sharing one mobile plus its own payees stays one case", async () => {
    const mobile = phone();
    const reports = Array.from({ length: 60 }, (_, i) => ({
      externalId: `SN-${run}-ring-${i}`,
      contacts: [{ kind: "phone", value: mobile }],
      payees: [
        { kind: "alipay", value: `ring-${run}-${i % 4}@example.cn` },
        ...(i % 5 === 0
          ? [{ kind: "bank_account", value: `62170000${run.replace(/\D/g, "7").padEnd(8, "7")}${i % 3}` }]
          : []),
      ],
    }));
    for (let k = 0; k < 60; k += 10) await add(...reports.slice(k, k + 10));
    const ids = await casesOf(reports.map((r) => r.externalId));
    expect(new Set(ids).size).toBe(1);
    expect(await sharedNumberOf(mobile)).toBeNull();
  });

  it("a ring whose one landline is its own number and whose payees rotate stays one case", async () => {
    const own = landline();
    const reports = Array.from({ length: 30 }, (_, i) => ({
      externalId: `SN-${run}-own-${i}`,
      contacts: [{ kind: "phone", value: own }],
      payees: [{ kind: "alipay", value: `own-${run}-${i}@example.cn` }],
    }));
    for (const r of reports) await add(r);
    expect(new Set(await casesOf(reports.map((r) => r.externalId))).size).toBe(1);
    expect(await sharedNumberOf(own)).toBeNull();
  });
});

/**
 * Merges into a case over SHARED_NUMBER_CHECK_MAX_REPORTS, through the web
 * path (the import catches up on big cases at its end, the web path does not).
 */
describe("merges into a big case, one report at a time", () => {
  const limit = process.env.SHARED_NUMBER_CHECK_MAX_REPORTS;
  beforeAll(() => {
    process.env.SHARED_NUMBER_CHECK_MAX_REPORTS = "5";
    resetEnvCache();
  });
  afterAll(() => {
    if (limit === undefined) delete process.env.SHARED_NUMBER_CHECK_MAX_REPORTS;
    else process.env.SHARED_NUMBER_CHECK_MAX_REPORTS = limit;
    resetEnvCache();
  });

  /** A ring of `size` imported reports on its own mobile and account (and `landline`, when given); the import checks it. */
  async function ring(tag: string, size: number, landlineTyped?: string) {
    const mobile = phone();
    const account = `6228${String(randomInt(10 ** 11, 10 ** 12 - 1))}`;
    const ids = await add(
      ...Array.from({ length: size }, (_, i) => ({
        externalId: `SN-${run}-${tag}-${i}`,
        contacts: [
          { kind: "phone", value: mobile },
          ...(landlineTyped ? [{ kind: "phone", value: landlineTyped }] : []),
        ],
        payees: [{ kind: "bank_account", value: account }],
      })),
    );
    return { mobile, account, caseId: (await caseOf(ids[0]!)).caseId };
  }

  const submit = (contacts: string[], account?: string) =>
    submitFromNewAddress(
      reportWith(
        "merge into a big case",
        contacts.map((value) => ({ kind: "phone", value })),
        account ? [{ amount: "100", payeeKind: "bank_account", payeeValue: account }] : [],
      ),
    );

  const caseRow = async (id: number) =>
    (await db()).case.findUniqueOrThrow({ where: { id }, select: { reportCount: true, guardCheckedReports: true } });
  const caseOfReference = async (reference: string) =>
    (await (await db()).report.findUniqueOrThrow({ where: { reference }, select: { caseId: true } })).caseId;

  it("a merge through a landline is checked at once however big the case, and the rings are split", async () => {
    const shared = landline();
    const big = await ring("big-l", 40, shared);
    const small = await ring("small-l", 2);
    expect(await caseRow(big.caseId)).toEqual({ reportCount: 40, guardCheckedReports: 40 });

    // 43 reports is less than a tenth over the last look: only the landline makes the guard look.
    const joining = await submit([small.mobile, shared]);
    expect(await sharedNumberOf(shared)).toMatchObject({ status: "held", groups: 2 });
    expect(await caseRow(big.caseId)).toMatchObject({ reportCount: 40 });
    const smallNow = (await caseOf(`SN-${run}-small-l-0`)).caseId;
    expect(smallNow).not.toBe(big.caseId);
    expect(await caseOfReference(joining.reference)).toBe(smallNow);
  });

  it("a merge through a payee account into a big case waits for the case to grow by a tenth", async () => {
    const big = await ring("big-p", 40);
    const smalls = await Promise.all([1, 2].map((k) => ring(`small-p${k}`, 2)));

    // +3 reports: under a tenth, so the case of 43 is not reread.
    const first = await submit([smalls[0]!.mobile], big.account);
    expect(await caseOfReference(first.reference)).toBe(big.caseId);
    expect(await caseRow(big.caseId)).toEqual({ reportCount: 43, guardCheckedReports: 40 });

    // +3 more (46 ≥ 44): the guard looks again, and finds nothing to hold.
    const second = await submit([smalls[1]!.mobile], big.account);
    expect(await caseOfReference(second.reference)).toBe(big.caseId);
    expect(await caseRow(big.caseId)).toEqual({ reportCount: 46, guardCheckedReports: 46 });
  });
});
