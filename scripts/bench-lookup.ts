/**
 * `npm run bench:lookup -- [--reports 100000] [--db postgres://…] [--duration 15] [--connections 10] [--reuse]`
 *
 * Public risk lookup throughput and latency on PostgreSQL: imports N synthetic
 * reports (default 100,000; the `npm run import` code path, as bench:board)
 * into a fresh database, prints EXPLAIN ANALYZE of the lookup query, issues an
 * API key, serves the production build (`npm start`) and drives it with
 * autocannon: GET /api/lookup (identifiers of the data typed as a person
 * would, absent numbers, 95311), the lookup page, and - as the yardstick
 * measured in the same run - the home page (rendered per request, no database)
 * and a static script file. Reports requests/s, p50 and p99, and the lookup's
 * ratio to the yardsticks. The page limits are raised for the run
 * (LOOKUP_RATE_LIMIT); the key's own limit is the largest a key may have, so
 * the per-key counter's cost is part of what is measured.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import os from "node:os";
import fs from "node:fs";
import { createPrisma } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { syntheticReports } from "./lib/synthetic";
import { Prisma, table } from "../lib/db/sql";
import { readingsOf } from "../lib/lookup/parse";
import { reportedSql } from "../lib/lookup/service";
import { hashApiKey } from "../lib/lookup/api-keys";
import { MAX_KEY_RATE_PER_MINUTE } from "../lib/lookup/schemas";
import { arg, freshDatabase, helpRequested, vacuumAnalyze } from "./lib/bench";

helpRequested(import.meta.filename);

// autocannon ships no types; only run() and its result fields below are used.
interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface CannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const N = Number(arg("reports", "100000"));
const DURATION = Number(arg("duration", "15"));
const CONNECTIONS = Number(arg("connections", "10"));
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_lookup");
const reuse = process.argv.includes("--reuse");
const root = path.resolve(import.meta.dirname, "..");
const port = 3291;
const origin = `http://localhost:${port}`;

if (!reuse) {
  await freshDatabase(dbUrl);
  const db = createPrisma(dbUrl, { max: 2 });
  const t = Date.now();
  const s = await importReports(db, syntheticReports(N, 29), { batchSize: 1000 });
  console.log(`[setup] imported ${s.imported} reports in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  await db.$disconnect();
  await vacuumAnalyze(dbUrl);
}

const db = createPrisma(dbUrl, { max: 2 });
const I = table("Identifier", "i");
const RI = table("ReportIdentifier", "ri");
// Identifiers named by reports, busiest first among a random sample, typed as people type them.
const named = await db.$queryRaw<{ kind: string; value: string; display: string; reports: number }[]>(Prisma.sql`
  SELECT ${I.kind}::text AS kind, ${I.value} AS value, ${I.display} AS display, count(*)::int AS reports
  FROM ${I} JOIN ${RI} ON ${RI.identifierId} = ${I.id}
  WHERE ${I.kind}::text IN ('phone', 'qq', 'wechat', 'url', 'bank_account', 'alipay') AND ${I.linkable}
  GROUP BY 1, 2, 3 ORDER BY md5(${I.value}) LIMIT 300`);
const typed = (r: { kind: string; value: string; display: string }) =>
  r.kind === "phone" ? r.value.replace(/^\+86/, "").replace(/^(\d{3})(\d{4})(\d+)$/, "$1 $2 $3") : r.display;
const queries = [
  ...named.map(typed),
  ...Array.from({ length: 60 }, (_, k) => `199 ${String(1000 + k).padStart(4, "0")} ${String(7000 + k)}`),
  "95311",
  "400-820-8820",
];
const busiest = [...named].sort((a, b) => b.reports - a.reports)[0]!;
console.log(
  `[setup] ${queries.length} queries: ${named.length} named identifiers (busiest ${busiest.kind} named by ${busiest.reports} reports), 60 absent numbers, 2 official`,
);

// The query plan for the busiest identifier: index paths only.
const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
  Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${reportedSql(readingsOf(typed(busiest)), new Date())}`,
);
console.log(`\nEXPLAIN ANALYZE, lookup of ${typed(busiest)}:\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}\n`);

const key = `lk_bench${"x".repeat(27)}`; // "lk_" + 32 characters, as issued keys
await db.apiKey.upsert({
  where: { keyHash: hashApiKey(key) },
  create: { name: "bench", keyHash: hashApiKey(key), prefix: key.slice(0, 9), ratePerMinute: MAX_KEY_RATE_PER_MINUTE },
  update: { revokedAt: null, ratePerMinute: MAX_KEY_RATE_PER_MINUTE },
});
await db.$disconnect();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-lookup-"));
const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
  env: {
    ...process.env,
    DATABASE_URL: dbUrl,
    PORT: String(port),
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    LOOKUP_RATE_LIMIT: "100000000",
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});

async function cannon(name: string, requests: { path: string; headers?: Record<string, string> }[]) {
  const r = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: requests.map((q) => ({ method: "GET", ...q })),
  });
  const bad = r.non2xx + r.errors + r.timeouts;
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, bad };
}

try {
  for (let k = 0; ; k++) {
    try {
      if ((await fetch(`${origin}/en`)).ok) break;
    } catch {}
    if (k > 1200) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const home = await (await fetch(`${origin}/en`)).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home)?.[1];
  const check = await fetch(`${origin}/api/lookup?q=95311`, { headers: { authorization: `Bearer ${key}` } });
  if (check.status !== 200) throw new Error(`/api/lookup answered ${check.status}`);
  console.log(`[check] 95311 → ${await check.text()}`);
  const auth = { authorization: `Bearer ${key}` };
  const api = queries.map((q) => ({ path: `/api/lookup?q=${encodeURIComponent(q)}`, headers: auth }));
  const page = queries.map((q) => ({ path: `/en/lookup?q=${encodeURIComponent(q)}` }));
  // Warm-up: compile caches, connection pool.
  await autocannon({ url: origin, connections: 2, amount: 200, requests: api.map((q) => ({ method: "GET", ...q })) });
  const runs = [
    await cannon("GET /api/lookup (JSON, API key)", api),
    await cannon("GET /en/lookup?q=… (page)", page),
    await cannon("GET /en (home page, no database)", [{ path: "/en" }]),
    ...(script ? [await cannon("static script file (/_next/static)", [{ path: script }])] : []),
  ];
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log(
    `\n${N.toLocaleString("en")} reports, PostgreSQL, ${CONNECTIONS} connections × ${DURATION} s each; ${os.cpus().length} CPUs, load average after: ${load.join(" ")}\n`,
  );
  console.log(
    "| endpoint | requests | req/s | p50 | p99 | non-2xx/errors | req/s vs home |\n|---|---|---|---|---|---|---|",
  );
  const homeRps = runs[2]!.rps;
  for (const r of runs)
    console.log(
      `| ${r.name} | ${r.total} | **${r.rps.toFixed(0)}** | ${r.p50} ms | **${r.p99} ms** | ${r.bad} | ${(r.rps / homeRps).toFixed(2)} |`,
    );
} finally {
  process.kill(-server.pid!, "SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
}
