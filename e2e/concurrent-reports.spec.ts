/**
 * Many victims at the same moment, without JavaScript, each from their own
 * address (the e2e server trusts X-Forwarded-For and allows 3 reports per
 * address): every one must see the receipt, and the database must hold exactly
 * their reports in the cases their shared identifiers imply — also while
 * `npm run import` loads a file (ADR 0007).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomInt, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import type { Db } from "../lib/db/client";
import { filledReportForm, receiptOf } from "../scripts/lib/no-js-form";
import { NARRATIVES, seedPii } from "./pii";
import { countByNarrative, reportIdsByNarrative } from "@/lib/pii/test-support";

interface Ring {
  phone: string;
  account: string;
  holder: string;
}

const digits = (n: number) => String(randomInt(10 ** (n - 1), 10 ** n));
const newRing = (): Ring => ({
  phone: `+86 17${randomInt(1, 9)} ${digits(4)} ${digits(4)}`,
  account: `6217 ${digits(4)} ${digits(4)} ${digits(4)} ${digits(3)}`,
  holder: `Holder ${randomUUID().slice(0, 8)}`,
});
/** Every report pays (k + 1) × 10.25 yuan, k its position in the ring. */
const amount = (k: number) => ((k + 1) * 10.25).toFixed(2);
const lossOf = (n: number) => BigInt(((n * (n + 1)) / 2) * 1025);

/** Loads the form once per victim of every ring, and fills it in. */
async function fillForms(request: APIRequestContext, origin: string, rings: Ring[], perRing: number, marker: string) {
  const net = `${randomInt(1, 223)}.${randomInt(0, 255)}`;
  const victims = rings.flatMap((ring, r) => Array.from({ length: perRing }, (_, k) => ({ ring, r, k })));
  const forms = [];
  for (const [i, v] of victims.entries()) {
    // A browser posting a form sends its Origin.
    const headers = { "x-forwarded-for": `${net}.${Math.floor(i / 200)}.${(i % 200) + 1}`, origin };
    const page = await request.get("/en/report", { headers });
    expect(page.status()).toBe(200);
    const form = filledReportForm(await page.text(), {
      narrative: `${NARRATIVES.knewParcel} ${marker}`,
      scammerPhone: v.ring.phone,
      amount: amount(v.k),
      payeeAccount: v.ring.account,
      payeeName: v.ring.holder,
      victimPhone: seedPii(`139${digits(8)}`),
    });
    forms.push({ ring: v.r, headers, form });
  }
  return forms;
}

/** Posts every form at the same moment; what each victim was answered. */
function submitAll(request: APIRequestContext, forms: Awaited<ReturnType<typeof fillForms>>) {
  return Promise.all(
    forms.map(async (f) => {
      const res = await request.post("/en/report", { headers: f.headers, multipart: f.form, timeout: 170_000 });
      return { ring: f.ring, status: res.status(), receipt: receiptOf(await res.text()) };
    }),
  );
}

/** One case per group, holding exactly its reports, with the right figures. */
async function expectCases(db: Db, groups: { where: object; reports: number; lossMinor: bigint }[]) {
  const caseIds = new Set<number | null>();
  for (const g of groups) {
    const rows = await db.report.findMany({ where: g.where, select: { caseId: true } });
    expect(rows).toHaveLength(g.reports);
    const ids = [...new Set(rows.map((r) => r.caseId))];
    expect(ids).toHaveLength(1);
    caseIds.add(ids[0]!);
    const c = await db.case.findUniqueOrThrow({
      where: { id: ids[0]! },
      select: { reportCount: true, victimCount: true, lossCnyMinor: true },
    });
    expect(c).toEqual({ reportCount: g.reports, victimCount: g.reports, lossCnyMinor: g.lossMinor });
  }
  expect(caseIds.size).toBe(groups.length);
}

test.describe("a burst of reports at the same moment", () => {
  test.setTimeout(240_000);

  test("52 victims posting the form without JavaScript at once all get a receipt", async ({ request, db, baseURL }) => {
    const marker = `burst-${randomUUID()}`;
    const rings = Array.from({ length: 4 }, newRing);
    const answers = await submitAll(request, await fillForms(request, baseURL!, rings, 13, marker));
    expect(answers.filter((a) => a.status !== 200 || !a.receipt)).toEqual([]);

    const references = answers.map((a) => a.receipt!.reference);
    const stored = await db.report.findMany({
      where: { id: { in: await reportIdsByNarrative(db, marker) } },
      select: { reference: true },
    });
    expect(stored.map((s) => s.reference).sort()).toEqual([...references].sort());
    await expectCases(
      db,
      rings.map((_, r) => ({
        where: { reference: { in: answers.filter((a) => a.ring === r).map((a) => a.receipt!.reference) } },
        reports: 13,
        lossMinor: lossOf(13),
      })),
    );
  });

  test("the same while `npm run import` loads a file", async ({ request, db, baseURL }) => {
    const marker = `burst-${randomUUID()}`;
    const run = randomUUID().slice(0, 8);
    const formRings = Array.from({ length: 4 }, newRing);
    const importRings = Array.from({ length: 15 }, newRing);
    const line = (ring: Ring, k: number, externalId: string) =>
      JSON.stringify({
        externalId,
        incidentDate: "2026-05-25",
        scamType: "courier_compensation",
        victim: { name: "Wang Fang", phone: `137${digits(8)}`, province: "Hebei" },
        contacts: [{ kind: "phone", value: ring.phone }],
        payments: [
          {
            amount: amount(k),
            currency: "CNY",
            payee: { kind: "bank_account", value: ring.account, name: ring.holder },
          },
        ],
      });
    // 1,500 reports of 15 rings, shuffled across the import's batches of 500,
    // and 5 more for each ring of the form, which join the form's cases.
    const lines = [
      ...importRings.flatMap((ring, r) =>
        Array.from({ length: 100 }, (_, k) => line(ring, k, `E2E-${run}-i${r}-${k}`)),
      ),
      ...formRings.flatMap((ring, r) =>
        Array.from({ length: 5 }, (_, k) => line(ring, 13 + k, `E2E-${run}-f${r}-${k}`)),
      ),
    ].sort(() => Math.random() - 0.5);
    const forms = await fillForms(request, baseURL!, formRings, 13, marker);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-import-")), "reports.jsonl");
    fs.writeFileSync(file, lines.join("\n") + "\n");

    // As an operator would, beside the running server: same data folder (the
    // embedded database and the app's secret), or the same DATABASE_URL.
    const importer = spawn("npm", ["run", "import", "--", file], {
      env: { ...process.env, DATA_DIR: path.resolve(process.env.E2E_DATA_DIR!) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    importer.stdout.on("data", (d) => (output += d));
    importer.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => importer.on("exit", (code) => resolve(code)));
    let importRunning = true;
    void exited.then(() => (importRunning = false));

    // Once the first batch is in, the form burst meets the rest of the import.
    await expect
      // Polled every 50 ms: on a busy machine the default back-off (up to 1 s) can miss the whole rest of the import.
      .poll(() => db.report.count({ where: { externalId: { startsWith: `E2E-${run}-` } } }), {
        timeout: 120_000,
        intervals: [50],
      })
      .toBeGreaterThan(0);
    const runningAtBurst = importRunning;
    const answers = await submitAll(request, forms);
    expect(await exited, output).toBe(0);
    expect(runningAtBurst).toBe(true);
    expect(answers.filter((a) => a.status !== 200 || !a.receipt)).toEqual([]);

    expect(await db.report.count({ where: { externalId: { startsWith: `E2E-${run}-` } } })).toBe(lines.length);
    expect(await countByNarrative(db, marker)).toBe(answers.length);
    await expectCases(db, [
      ...formRings.map((_, r) => ({
        where: {
          OR: [
            { reference: { in: answers.filter((a) => a.ring === r).map((a) => a.receipt!.reference) } },
            { externalId: { startsWith: `E2E-${run}-f${r}-` } },
          ],
        },
        reports: 18,
        lossMinor: lossOf(18),
      })),
      ...importRings.map((_, r) => ({
        where: { externalId: { startsWith: `E2E-${run}-i${r}-` } },
        reports: 100,
        lossMinor: lossOf(100),
      })),
    ]);
  });
});
