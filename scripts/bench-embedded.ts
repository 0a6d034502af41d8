/**
 * `npm run bench:embedded -- [--bursts 48,96] [--root DIR] [--port 3290] [--log FILE]`
 *
 * Simultaneous report submissions on the embedded database (ADR 0007): starts
 * `npm start` of the tree at --root (default: this one) on a fresh DATA_DIR
 * without DATABASE_URL, loads the 2,000 demo reports (`seed:demo`), then for
 * each burst size loads the form once per victim and fires all the no-JS form
 * posts at the same moment, each from its own address (the server trusts
 * X-Forwarded-For here). Victims come in rings of 6 sharing a scammer's phone
 * and account. Prints successes (a receipt in the answer), failures, latency
 * p50/p95/max, and how many of the burst's reports were stored.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomInt, randomUUID } from "node:crypto";
import { createPrisma } from "../lib/db/client";
import { findRunningEmbedded } from "../lib/db/embedded";
import { arg, pct } from "./lib/bench";
import { filledReportForm, receiptOf } from "./lib/no-js-form";
import { run } from "./lib/run";
import { countByNarrative } from "../lib/pii/test-support";

const bursts = arg("bursts", "48,96").split(",").map(Number);
const root = path.resolve(arg("root", path.resolve(import.meta.dirname, "..")));
const port = Number(arg("port", "3290"));
const logFile = arg("log", "");
const origin = `http://localhost:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-embedded-"));
const env = { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
// This process opens the stored narratives with the server's key (DATA_DIR/pii-keys).
process.env.DATA_DIR = dataDir;

const log = logFile ? fs.openSync(logFile, "w") : "ignore";
const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
  cwd: root,
  env: { ...env, PORT: String(port), TRUST_PROXY: "1" },
  stdio: ["ignore", log, log],
  detached: true,
});

async function main() {
  for (let k = 0; ; k++) {
    if (
      await fetch(`${origin}/en`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (k > 1200) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  await run(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/seed-demo.ts")],
    {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const db = createPrisma((await findRunningEmbedded(dataDir))!, { max: 1 });
  console.log(`${await db.report.count()} reports in ${await db.case.count()} cases before the bursts`);
  console.log(`\n| simultaneous posts | receipts | failed | p50 | p95 | max | stored |\n|---|---|---|---|---|---|---|`);
  for (const [b, n] of bursts.entries()) {
    const marker = `bench-${randomUUID()}`;
    const tag = randomInt(100, 1000);
    const ring = (i: number) => String(b * 100 + Math.floor(i / 6)).padStart(4, "0");
    const posts: { ip: string; form: FormData }[] = [];
    for (let i = 0; i < n; i++) {
      const ip = `10.${b + 1}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      const page = await (await fetch(`${origin}/en/report`, { headers: { "x-forwarded-for": ip } })).text();
      const form = filledReportForm(page, {
        narrative: `Caller offered compensation for a lost parcel. ${marker}`,
        scammerPhone: `+86 171 ${ring(i)} 9${tag}`,
        amount: `${100 + i}.50`,
        payeeAccount: `6217 0000 ${ring(i)} ${tag}0 888`,
        payeeName: `Holder ${b}-${ring(i)}`,
        victimPhone: `139${String(b * 10000 + i).padStart(8, "0")}`,
      });
      posts.push({ ip, form });
    }
    const outcomes = await Promise.all(
      posts.map(async ({ ip, form }) => {
        const t = performance.now();
        try {
          const res = await fetch(`${origin}/en/report`, {
            method: "POST",
            body: form,
            // As a browser posts a form: with its Origin.
            headers: { "x-forwarded-for": ip, origin },
          });
          const ok = res.status === 200 && receiptOf(await res.text()) !== null;
          return { ok, ms: performance.now() - t };
        } catch {
          return { ok: false, ms: performance.now() - t };
        }
      }),
    );
    const ms = outcomes.map((o) => o.ms);
    const good = outcomes.filter((o) => o.ok).length;
    const stored = await countByNarrative(db, marker);
    const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
    console.log(
      `| ${n} | ${good} | ${n - good} | ${s(pct(ms, 50))} | ${s(pct(ms, 95))} | ${s(Math.max(...ms))} | ${stored} |`,
    );
  }
  await db.$disconnect();
}

try {
  await main();
} finally {
  process.kill(-server.pid!, "SIGTERM");
  await new Promise((r) => server.once("exit", r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
