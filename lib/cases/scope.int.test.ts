/**
 * A case's children only through the case (issue 7, section 3): every service
 * that takes a report, decision or identifier id refuses one that belongs to
 * another case with NotFoundError, and changes nothing.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/auth/permissions";
import { decide, revokeDecision } from "./workflow/decisions";
import { explainReportChain } from "./views/explain";
import { currentNumber } from "./scope";
import { setStatus } from "./workflow/status";
import { addNote } from "./workflow/notes";
import { CaseError } from "./workflow/errors";
import { add, caseOf, phone, staff } from "./test-support";

afterAll(async () => (await db()).$disconnect());

let investigator: ServiceContext;
/** Two cases of two reports each, and a decision taken on B. */
let A: { number: string; caseId: number; reports: { id: number; reference: string }[]; identifierId: number };
let B: typeof A & { decisionId: number };

async function ring() {
  const x = phone();
  const ids = await add({ contacts: [{ kind: "phone", value: x }] }, { contacts: [{ kind: "phone", value: x }] });
  const first = await caseOf(ids[0]!);
  const second = await caseOf(ids[1]!);
  const ident = await (await db()).identifier.findFirstOrThrow({ where: { value: `+86${x}` }, select: { id: true } });
  return {
    number: first.number,
    caseId: first.caseId,
    reports: [first, second].map((r) => ({ id: r.reportId, reference: r.reference })),
    identifierId: ident.id,
  };
}

/** What a refused change must leave as it was. */
async function snapshot() {
  const client = await db();
  return {
    reports: await client.report.findMany({
      where: { id: { in: [...A.reports, ...B.reports].map((r) => r.id) } },
      select: { id: true, caseId: true },
      orderBy: { id: "asc" },
    }),
    decisions: await client.matchDecision.findMany({
      where: { id: B.decisionId },
      select: { id: true, revokedAt: true },
    }),
    allDecisions: await client.matchDecision.count(),
    cases: await client.case.findMany({
      where: { id: { in: [A.caseId, B.caseId] } },
      select: { id: true, status: true, _count: { select: { notes: true } } },
      orderBy: { id: "asc" },
    }),
  };
}

beforeAll(async () => {
  investigator = await staff("investigator");
  A = await ring();
  const b = await ring();
  // A decision on B that names B's reports (no-link between its two reports).
  const { decisionId } = await decide(await db(), investigator, {
    number: b.number,
    decision: { type: "no_link_identifier", identifierId: b.identifierId },
    reason: "official number",
  });
  const bNow = await caseOf(
    (await (await db()).report.findUniqueOrThrow({ where: { id: b.reports[0]!.id }, select: { externalId: true } }))
      .externalId!,
  );
  B = { ...b, number: bNow.number, caseId: bNow.caseId, decisionId };
});

describe("on case A, records of case B are refused (404) and nothing changes", () => {
  const refused = async (run: () => Promise<unknown>) => {
    const before = await snapshot();
    await expect(run()).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
  };

  it("detaching B's report", async () => {
    await refused(async () =>
      decide(await db(), investigator, {
        number: A.number,
        decision: { type: "detach_report", reportId: B.reports[0]!.id },
        reason: "x",
      }),
    );
  });

  it("undoing B's decision", async () => {
    await refused(async () =>
      revokeDecision(await db(), investigator, { number: A.number, decisionId: B.decisionId, reason: "x" }),
    );
  });

  it("do-not-link on an identifier only B names", async () => {
    await refused(async () =>
      decide(await db(), investigator, {
        number: A.number,
        decision: { type: "no_link_identifier", identifierId: B.identifierId },
        reason: "x",
      }),
    );
  });

  it("splitting off B's report, or a mix of A's and B's", async () => {
    for (const reportIds of [[B.reports[0]!.id], [A.reports[1]!.id, B.reports[0]!.id]])
      await refused(async () =>
        decide(await db(), investigator, {
          number: A.number,
          decision: { type: "split_case", reportIds },
          reason: "x",
        }),
      );
  });

  it("keeping apart one report of A and one of B", async () => {
    await refused(async () =>
      decide(await db(), investigator, {
        number: A.number,
        decision: { type: "no_link_reports", a: A.reports[0]!.id, b: B.reports[0]!.id },
        reason: "x",
      }),
    );
  });

  it("explaining why B's report is linked", async () => {
    await expect(
      explainReportChain(await db(), investigator, { number: A.number, reference: B.reports[1]!.reference }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a case number that does not exist (or is not one) is 404 for every service", async () => {
    for (const number of ["C-1999-99999", "%", "1 OR 1=1"]) {
      await refused(async () => setStatus(await db(), investigator, { number, status: "triage" }));
      await refused(async () => addNote(await db(), investigator, { number, body: "x" }));
      expect(await currentNumber(await db(), investigator, { number })).toBeNull();
    }
  });
});

describe("on its own case the same actions work", () => {
  it("status and notes change the case named, never another", async () => {
    const before = await snapshot();
    await setStatus(await db(), investigator, { number: A.number, status: "triage" });
    await addNote(await db(), investigator, { number: A.number, body: "Called the bank." });
    const after = await snapshot();
    expect(after.cases.find((c) => c.id === B.caseId)).toEqual(before.cases.find((c) => c.id === B.caseId));
    expect(after.cases.find((c) => c.id === A.caseId)).toMatchObject({ status: "triage", _count: { notes: 1 } });
  });

  it("explains its own report; merge takes the other case by number, and the other's reports then belong here", async () => {
    const chain = await explainReportChain(await db(), investigator, {
      number: A.number,
      reference: A.reports[1]!.reference,
    });
    expect(chain?.at(-1)).toMatchObject({ type: "report", id: A.reports[1]!.id });
    await expect(
      decide(await db(), investigator, {
        number: A.number,
        decision: { type: "merge_cases", other: A.number },
        reason: "x",
      }),
    ).rejects.toEqual(new CaseError("sameCase"));
    await expect(
      decide(await db(), investigator, {
        number: A.number,
        decision: { type: "merge_cases", other: `C-1999-${randomInt(10_000, 99_999)}` },
        reason: "x",
      }),
    ).rejects.toEqual(new CaseError("caseNotFound"));
    const { decisionId } = await decide(await db(), investigator, {
      number: A.number,
      decision: { type: "merge_cases", other: B.number },
      reason: "same ring",
    });
    // B's number now resolves to A's case, and B's report can be detached from it.
    expect(await currentNumber(await db(), investigator, { number: B.number })).toBe(A.number);
    await decide(await db(), investigator, {
      number: B.number,
      decision: { type: "detach_report", reportId: B.reports[0]!.id },
      reason: "duplicate",
    });
    await revokeDecision(await db(), investigator, { number: A.number, decisionId, reason: "undo merge" });
  });
});
