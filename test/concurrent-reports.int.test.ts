/**
 * Bursts of reports on one database (ADR 0007): on the embedded default every
 * transaction must get the single backend to itself and wait its turn rather
 * than fail. Reports come in rings that share a scammer's phone and account,
 * so the number of cases and each case's figures are known in advance.
 */
import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { reportFormSchema } from "@/lib/reports/schema";
import { submitReport } from "@/lib/reports/service";
import { importReports } from "@/lib/interchange/import";
import { victimKey } from "@/lib/reports/victim-key";
import { openPii } from "@/lib/pii";

interface Ring {
  phone: string;
  account: string;
  holder: string;
  victims: string[];
}

const digits = (n: number) => String(randomInt(10 ** (n - 1), 10 ** n));

function newRing(): Ring {
  return {
    phone: `+86 17${randomInt(1, 9)} ${digits(4)} ${digits(4)}`,
    account: `6217 ${digits(4)} ${digits(4)} ${digits(4)} ${digits(3)}`,
    holder: `Holder ${randomUUID().slice(0, 8)}`,
    // Three victims per ring, each reporting more than once.
    victims: [0, 1, 2].map(() => `139${digits(8)}`),
  };
}

/** Report j of a ring: the ring's phone and account, one of its victims, (j + 1) × 100.25 yuan. */
function formFor(ring: Ring, j: number) {
  return reportFormSchema.parse({
    scamType: "courier_compensation",
    incidentDate: "2026-05-25",
    narrative: `Caller offered compensation for a lost parcel. ${randomUUID()}`,
    contacts: [{ kind: "phone", value: ring.phone }],
    payments: [
      {
        amount: ((j + 1) * 100.25).toFixed(2),
        currency: "CNY",
        paidAt: "",
        method: "bank_transfer",
        payeeKind: "bank_account",
        payeeValue: ring.account,
        payeeName: ring.holder,
        payeeBank: "",
      },
    ],
    platforms: [],
    victimName: "Li Na",
    victimPhone: ring.victims[j % 3]!,
    victimProvince: "Shandong",
    victimCity: "Jinan",
    consent: true,
  });
}

function interchangeLine(ring: Ring, j: number, externalId: string): string {
  return JSON.stringify({
    externalId,
    incidentDate: "2026-05-25",
    scamType: "courier_compensation",
    victim: { name: "Wang Fang", phone: ring.victims[j % 3], province: "Hebei" },
    contacts: [{ kind: "phone", value: ring.phone }],
    payments: [
      {
        amount: (j + 1) * 100.25,
        currency: "CNY",
        payee: { kind: "bank_account", value: ring.account, name: ring.holder },
      },
    ],
  });
}

/** Submits `perRing` reports for every ring, all at once, each from its own address. */
async function submitAll(rings: Ring[], perRing: number) {
  const net = randomInt(0, 256);
  const jobs = rings.flatMap((ring, r) =>
    Array.from({ length: perRing }, (_, j) => ({
      ring: r,
      run: () =>
        submitReport({
          values: formFor(ring, j),
          files: [],
          token: randomUUID(),
          locale: "en",
          ip: `10.${net}.${r}.${j + 1}`,
        }),
    })),
  );
  const results = await Promise.allSettled(jobs.map((j) => j.run()));
  const failures = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
  expect(failures).toEqual([]);
  return results.map((r, i) => ({
    ring: jobs[i]!.ring,
    result: (r as PromiseFulfilledResult<Awaited<ReturnType<typeof submitReport>>>).value,
  }));
}

/** One case per ring, with its reports, victims and loss. */
async function expectCases(groups: { where: object; reports: number; victims: number; lossMinor: bigint }[]) {
  const client = await db();
  const caseIds: number[] = [];
  for (const g of groups) {
    const rows = await client.report.findMany({ where: g.where, select: { caseId: true } });
    expect(rows).toHaveLength(g.reports);
    const ids = [...new Set(rows.map((r) => r.caseId))];
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBeNull();
    const c = await client.case.findUniqueOrThrow({
      where: { id: ids[0]! },
      select: { reportCount: true, victimCount: true, lossCnyMinor: true },
    });
    expect(c).toEqual({ reportCount: g.reports, victimCount: g.victims, lossCnyMinor: g.lossMinor });
    caseIds.push(ids[0]!);
  }
  // Rings share nothing, so no two are in one case.
  expect(new Set(caseIds).size).toBe(groups.length);
}

/** Sum over j < n of (j + 1) × 100.25 yuan, in fen. */
const lossOf = (n: number) => BigInt(((n * (n + 1)) / 2) * 10025);

beforeAll(() => {
  process.env.REPORT_RATE_LIMIT = "10";
  resetEnvCache();
});

describe("a burst of reports sharing identifiers", () => {
  it("gives all 54 victims a receipt and puts each ring in exactly one case", async () => {
    const rings = Array.from({ length: 6 }, newRing);
    const submitted = await submitAll(rings, 9);
    expect(submitted).toHaveLength(54);
    for (const s of submitted) {
      expect(s.result.kind).toBe("created");
      if (s.result.kind === "created") expect(s.result.pin).toMatch(/^\d{8}$/);
    }
    await expectCases(
      rings.map((ring, r) => ({
        where: { reference: { in: submitted.filter((s) => s.ring === r).map((s) => s.result.reference) } },
        reports: 9,
        victims: 3,
        lossMinor: lossOf(9),
      })),
    );
  });

  it("does the same while a file is imported at the same moment", async () => {
    const formRings = Array.from({ length: 5 }, newRing);
    const importRings = Array.from({ length: 3 }, newRing);
    const run = randomUUID().slice(0, 8);
    // 12 reports for each import-only ring, and 4 more that join each form ring.
    const lines = [
      ...importRings.flatMap((ring, r) =>
        Array.from({ length: 12 }, (_, j) => interchangeLine(ring, j, `CR-${run}-i${r}-${j}`)),
      ),
      ...formRings.flatMap((ring, r) =>
        Array.from({ length: 4 }, (_, j) => interchangeLine(ring, 10 + j, `CR-${run}-f${r}-${j}`)),
      ),
    ];
    const client = await db();
    const [submitted, imported] = await Promise.all([
      submitAll(formRings, 10),
      importReports(client, lines, { batchSize: 8 }),
    ]);
    expect(submitted.every((s) => s.result.kind === "created")).toBe(true);
    expect(imported).toMatchObject({ imported: lines.length, duplicates: 0, malformed: [] });

    await expectCases([
      ...formRings.map((ring, r) => ({
        where: {
          OR: [
            { reference: { in: submitted.filter((s) => s.ring === r).map((s) => s.result.reference) } },
            { externalId: { startsWith: `CR-${run}-f${r}-` } },
          ],
        },
        reports: 14,
        // Victims 0..2 on the form; imported reports 10..13 are victims 1, 2, 0, 1 again.
        victims: 3,
        lossMinor: lossOf(14),
      })),
      ...importRings.map((_, r) => ({
        where: { externalId: { startsWith: `CR-${run}-i${r}-` } },
        reports: 12,
        victims: 3,
        lossMinor: lossOf(12),
      })),
    ]);
    // The form and the import agree on who a victim is.
    // Phones are stored encrypted: open them all and pick that victim's reports.
    const phone = formRings[0]!.victims[1]!;
    const all = await client.report.findMany({ select: { victimPhone: true, victimKey: true } });
    const theirs = all.filter((r) => openPii("Report.victimPhone", r.victimPhone) === phone);
    expect(theirs.length).toBeGreaterThan(1);
    expect([...new Set(theirs.map((r) => r.victimKey))]).toEqual([victimKey(phone, "")]);
  });
});
