/**
 * `npm run import` killed mid-file (SIGKILL, no chance to clean up) and run
 * again on the same file: every line's report is there exactly once, with its
 * payments and contacts, and the cases are what a full re-cluster builds.
 * Runs the real script as a child process against the test database (the
 * served embedded database locally, PostgreSQL in CI's second pass).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/auth/permissions";
import { reclusterAll } from "@/lib/cases";
import { caseAssignments } from "./export";

const LINES = 3000;
const RING = 5; // reports per scam ring: they share the caller's phone and the account paid
const run = randomUUID().slice(0, 8);
const ext = (n: number) => `KILL-${run}-${n}`;
const tool = { actor: systemActor("test") };
const root = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "import-kill-"));
const file = path.join(tmp, "reports.jsonl");

function line(n: number): string {
  const ring = Math.floor(n / RING);
  const pad = (x: number, w: number) => String(x).padStart(w, "0");
  return JSON.stringify({
    externalId: ext(n),
    incidentDate: "2026-05-25",
    scamType: "courier_compensation",
    narrative: `Report ${n} of ring ${ring}`,
    victim: { name: "Wang Fang", phone: `139${pad(n, 8)}` },
    contacts: [{ kind: "phone", value: `+86 171 ${pad(ring, 8)}` }],
    payments: [
      { amount: n + 0.25, payee: { kind: "bank_account", value: `6217 9${pad(ring, 14)}`, name: `Holder ${run}` } },
    ],
  });
}

/** `npm run import -- FILE` without npm in between, so the signal reaches the importer itself. */
function startImport(): ChildProcess {
  const script = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { import: string } }
  ).scripts.import;
  const [cmd, ...args] = script.split(" ");
  return spawn(cmd!, [...args, file], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );

async function storedCount(): Promise<number> {
  return (await db()).report.count({ where: { externalId: { startsWith: `KILL-${run}-` } } });
}

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await (await db()).$disconnect();
});

it("a killed import, run again, leaves every report exactly once and the cases a re-cluster builds", async () => {
  fs.writeFileSync(file, Array.from({ length: LINES }, (_, n) => line(n)).join("\n") + "\n");

  const first = startImport();
  const firstExit = exited(first);
  let output = "";
  first.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  // Kill it once some batches are committed and before the last: poll the database.
  let seen = 0;
  for (;;) {
    seen = await storedCount();
    if (seen > 0 || first.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  first.kill("SIGKILL");
  const killed = await firstExit;
  expect(killed.signal, output).toBe("SIGKILL");
  const afterKill = await storedCount();
  expect(afterKill).toBeGreaterThan(0);
  expect(afterKill).toBeLessThan(LINES);

  const second = startImport();
  let out2 = "";
  second.stdout!.on("data", (b: Buffer) => (out2 += b.toString()));
  second.stderr!.on("data", (b: Buffer) => (out2 += b.toString()));
  expect((await exited(second)).code, out2).toBe(0);
  expect(out2).toContain(`already present:   ${afterKill}`);

  const d = await db();
  const reports = await d.report.findMany({
    where: { externalId: { startsWith: `KILL-${run}-` } },
    select: { externalId: true, payments: { select: { amountMinor: true } }, contacts: { select: { id: true } } },
  });
  // Nothing lost, nothing twice: every line's report once, with its one payment and contact.
  expect(reports.length).toBe(LINES);
  expect(new Set(reports.map((r) => r.externalId)).size).toBe(LINES);
  expect(reports.every((r) => r.payments.length === 1 && r.contacts.length === 1)).toBe(true);
  const fen = reports.reduce((s, r) => s + r.payments[0]!.amountMinor, 0n);
  expect(fen).toBe(BigInt((LINES * (LINES - 1)) / 2) * 100n + BigInt(LINES) * 25n);

  // The cases equal a full re-cluster's: it changes nothing, and each ring is one case.
  const before = await assignments();
  const r = await reclusterAll(d, tool);
  expect(r).toMatchObject({ casesCreated: 0, casesMerged: 0, casesSplit: 0, reportsMoved: 0 });
  const after = await assignments();
  expect(after).toEqual(before);
  const caseOfRing = new Map<number, string>();
  for (const [id, caseId] of after) {
    const ring = Math.floor(Number(id.split("-").pop()) / RING);
    expect(caseId).not.toBeNull();
    expect(caseOfRing.get(ring) ?? caseId).toBe(caseId);
    caseOfRing.set(ring, caseId!);
  }
  expect(new Set(caseOfRing.values()).size).toBe(LINES / RING);
}, 300_000);

async function assignments(): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for await (const a of caseAssignments(await db(), tool))
    if (a.externalId.startsWith(`KILL-${run}-`)) out.set(a.externalId, a.caseId);
  return out;
}
