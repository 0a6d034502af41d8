/**
 * `npm run bench:matching -- [--reports 1000000] [--db postgres://…] [--probes 500] [--reuse] [--import-only]`
 *
 * Against PostgreSQL (default: a fresh database `bench_matching` on
 * 127.0.0.1:5432). Generates synthetic interchange reports (scripts/lib/synthetic.ts)
 * and measures:
 *  1. import throughput (the `npm run import` code path, batches of 1,000);
 *  2. incremental matching latency at that size: single reports matched as the
 *     web form does (per-key locks, one transaction each), p50/p95/p99;
 *  3. a full re-cluster (`npm run recluster` in a child process): time and
 *     peak RSS, with cases intact and from scratch (all cases dropped).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { createPrisma } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { matchInsertedReports } from "../lib/cases";
import { syntheticReports, rng } from "./lib/synthetic";
import { Prisma, table } from "../lib/db/sql";
import { arg, freshDatabase, helpRequested, pct, vacuumAnalyze } from "./lib/bench";

helpRequested(import.meta.filename);

const N = Number(arg("reports", "1000000"));
const PROBES = Number(arg("probes", "500"));
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_matching");
const reuse = process.argv.includes("--reuse");
/** --import-only: just the import phase (the others are slow at 1M). */
const importOnly = process.argv.includes("--import-only");
const root = path.resolve(import.meta.dirname, "..");

function recluster(label: string) {
  const t = Date.now();
  const out = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/recluster.ts"), "--peak-rss"],
    {
      env: { ...process.env, DATABASE_URL: dbUrl },
      encoding: "utf8",
    },
  );
  if (out.status !== 0) throw new Error(out.stderr || out.stdout);
  const secs = (Date.now() - t) / 1000;
  const rss = /peak RSS: (\d+) MB/.exec(out.stdout)?.[1];
  console.log(
    `\n[recluster: ${label}] ${secs.toFixed(1)} s wall (process incl. start-up), peak RSS ${rss} MB\n${out.stdout.trim()}`,
  );
  return { secs, rss: Number(rss) };
}

const results: string[] = [];
if (!reuse) {
  await freshDatabase(dbUrl);
  const db = createPrisma(dbUrl, { max: 2 });
  const started = Date.now();
  let last = started;
  const s = await importReports(db, syntheticReports(N, 7), {
    batchSize: 1000,
    onProgress: (p) => {
      if (Date.now() - last > 10_000) {
        last = Date.now();
        console.log(`  … ${p.imported} imported, ${Math.round(p.imported / ((last - started) / 1000))} reports/s`);
      }
    },
  });
  const secs = (Date.now() - started) / 1000;
  const rate = Math.round(s.imported / secs);
  console.log(
    `[import] ${s.imported} reports in ${secs.toFixed(1)} s = ${rate} reports/s; cases created ${s.casesCreated}, merged ${s.casesMerged}`,
  );
  results.push(
    `| import ${N.toLocaleString("en")} synthetic reports | ${rate} reports/s (${secs.toFixed(0)} s) | ≥ 1,000 reports/s |`,
  );
  await db.$disconnect();
}

{
  // What a DBA does after a bulk load, and what autovacuum would do on a
  // default server (this machine's PostgreSQL runs with autovacuum off).
  const v = await vacuumAnalyze(dbUrl);
  console.log(`[vacuum] autovacuum=${v.autovacuum}; VACUUM ANALYZE after the load took ${v.secs.toFixed(1)} s`);
}

if (importOnly) {
  console.log(`\n| measure | result | goal |\n|---|---|---|\n${results.join("\n")}`);
  process.exit(0);
}

{
  const db = createPrisma(dbUrl, { max: 4 });
  // Half the probes name a number of an existing ring, half only new ones.
  const i = table("Identifier", "i");
  const known = await db.$queryRaw<{ value: string }[]>(Prisma.sql`
    SELECT ${i.value} AS value FROM ${i} WHERE ${i.kind} = 'phone' AND ${i.linkable} ORDER BY md5(${i.id}::text) LIMIT ${PROBES}`);
  const r = rng(99);
  const matchMs: number[] = [];
  const txMs: number[] = [];
  for (let k = 0; k < PROBES; k++) {
    const phone =
      k % 2 === 0 && known[k]
        ? known[k]!.value.replace("+86", "")
        : `16${String(Math.floor(r() * 1e9)).padStart(9, "0")}`;
    const report = {
      victim: { phone: "13900000000" },
      contacts: [
        { kind: "phone", value: phone },
        { kind: "qq", value: String(5_000_000_000 + Math.floor(r() * 1e9)) },
      ],
    };
    const t0 = performance.now();
    await db.$transaction(async (tx) => {
      const created = await tx.report.create({
        data: { reference: `BENCH-${randomUUID()}`, victimPhone: "13900000000" },
        select: { id: true },
      });
      const m0 = performance.now();
      await matchInsertedReports(tx, [{ reportId: created.id, report }], { cause: "bench" });
      matchMs.push(performance.now() - m0);
    });
    txMs.push(performance.now() - t0);
  }
  const line = (xs: number[]) =>
    `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;
  console.log(
    `[incremental] matching step: ${line(matchMs)}\n[incremental] whole transaction (insert + match + commit): ${line(txMs)}`,
  );
  results.push(
    `| incremental match at ${N.toLocaleString("en")} reports (${PROBES} single reports) | p95 ${pct(matchMs, 95).toFixed(1)} ms (p50 ${pct(matchMs, 50).toFixed(1)}); whole transaction p95 ${pct(txMs, 95).toFixed(1)} ms | ≤ 25 ms |`,
  );
  const report = table("Report");
  await db.$executeRaw(Prisma.sql`DELETE FROM ${report} WHERE ${report.reference} LIKE 'BENCH-%'`);
  await db.$disconnect();
}

const warm = recluster("cases intact");
results.push(`| full re-cluster, cases intact | ${warm.secs.toFixed(1)} s, peak RSS ${warm.rss} MB | ≤ 20 s, ≤ 2 GB |`);
{
  const db = createPrisma(dbUrl, { max: 2 });
  const report = table("Report");
  await db.$executeRaw(Prisma.sql`UPDATE ${report} SET ${report.$.caseId} = NULL`);
  // Not TRUNCATE … CASCADE: that would follow Report's foreign key and empty it too.
  for (const t of [table("CaseEvent"), table("CaseAlias"), table("Case")])
    await db.$executeRaw(Prisma.sql`DELETE FROM ${t}`);
  await db.$disconnect();
}
const cold = recluster("from scratch (no cases)");
results.push(
  `| full re-cluster from scratch (every case re-created) | ${cold.secs.toFixed(1)} s, peak RSS ${cold.rss} MB | — |`,
);

console.log(`\n| measure | result | goal |\n|---|---|---|\n${results.join("\n")}`);
