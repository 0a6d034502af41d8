/**
 * `npm run bench:load -- [--reports 100000] [--db postgres://…] [--duration 15] [--posts 6000] [--reuse] [--skip-recluster]
 *    [--workers 1] [--think 2] [--only file,home,health,api,page,staff,posts] [--profile DIR]`
 *
 * The load benchmark of issue 11 against `npm start` on PostgreSQL with N
 * synthetic reports loaded (default 100,000; --reuse keeps the database of
 * an earlier run, reports submitted by it included), driven by autocannon.
 * In one run, one after the other:
 *  - yardsticks: a static script file and the home page (rendered, no database);
 *  - GET /api/lookup (API key with the largest limit) and the lookup page;
 *  - 20 signed-in investigators (own sessions) on the board and case pages;
 *  - --posts report submissions through the public form without JavaScript
 *    (multipart server-action posts, each from its own address, identifiers
 *    shared between rings and with the data; REPORT_RATE_LIMIT raised).
 * Then checks that nothing was lost (receipts = stored reports = posts) and,
 * on a copy of the database, that a re-cluster (`npm run recluster`'s code
 * path) gives the same cases: the case count and the grouping of the posted
 * reports. Prints a markdown table with each figure's ratio to the static
 * file's requests/s in the same run, and the load average.
 * The investigators run three times: as fast as the server answers; reading
 * between clicks at one page each every --think seconds as autocannon's
 * overallRate sends them (every connection at the same instant once a second);
 * and as independent users, each waiting a random think time (mean --think s)
 * after each page (scripts/lib/bench-users.ts).
 * --workers sets the server's WEB_CONCURRENCY; --only runs some of the parts
 * (the static file always, for the ratio); --profile writes the server
 * processes' CPU profiles (node --cpu-prof) into DIR.
 */
import os from "node:os";
import pg from "pg";
import { createPrisma } from "../lib/db/client";
import { reclusterAll } from "../lib/cases";
import { systemActor } from "../lib/auth/permissions";
import { arg, helpRequested } from "./lib/bench";
import { cannon, investigator, signIn, startApp, syntheticDatabase, type Figures } from "./lib/bench-server";
import { boardFixtures, lookupFixtures } from "./lib/bench-fixtures";
import {
  investigatorRequests,
  investigatorUrls,
  lookupRequests,
  submissionRequests,
  yardstickRequests,
} from "./lib/bench-load-parts";
import { thinkingUsers } from "./lib/bench-users";

helpRequested(import.meta.filename);

const N = Number(arg("reports", "100000"));
const DURATION = Number(arg("duration", "15"));
const POSTS = Number(arg("posts", "6000"));
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_load");
const reuse = process.argv.includes("--reuse");
const INVESTIGATORS = 20;
const THINK = Number(arg("think", "2"));
const WORKERS = arg("workers", "1");
const only = new Set(arg("only", "file,home,health,api,page,staff,posts").split(","));
const profile = arg("profile", "");

await syntheticDatabase(dbUrl, N, 29, reuse);
const lookups = await lookupFixtures(dbUrl, { plan: true });
const board = await boardFixtures(dbUrl);
const password = "bench-load-password-1";
const emails = Array.from({ length: INVESTIGATORS }, (_, i) => `bench-load-${i}@example.test`);
for (const email of emails) await investigator(dbUrl, email, password);

const skipRecluster = process.argv.includes("--skip-recluster");
// The import path and a re-cluster need not agree to the case on the loaded data (docs/benchmarks.md,
// re-cluster at 100k); what the run's submissions change is compared against this baseline.
const baseline = skipRecluster ? null : await reclusterCopy([]);
const app = await startApp(
  dbUrl,
  Number(arg("port", "3292")),
  {
    LOOKUP_RATE_LIMIT: "100000000",
    REPORT_RATE_LIMIT: "100000000",
    TRUST_PROXY: "loopback",
    WEB_CONCURRENCY: WORKERS,
  },
  { profileDir: profile || undefined },
);
const loads: string[] = [];
const sample = () => loads.push(os.loadavg()[0]!.toFixed(1));
let runs: Figures[] = [];
let posted: Awaited<ReturnType<typeof submissionRequests>>;
const countsBefore = await counts();
try {
  const o = app.origin;
  const yard = await yardstickRequests(o);
  const { api, page } = await lookupRequests(o, lookups);
  const health = [{ path: "/api/health" }];
  const cookies: string[] = [];
  for (const email of emails) cookies.push(await signIn(o, email, password));
  const staffUrls = await investigatorUrls(o, board, cookies[0]!);
  const staff = investigatorRequests(staffUrls, cookies);
  posted = await submissionRequests(o, POSTS, lookups.named);
  const d = { connections: 10, duration: DURATION };
  // Warm-up: compiled code paths, connection pools.
  const warm = { api, page, staff };
  for (const [part, reqs] of Object.entries(warm))
    if (only.has(part)) await cannon("warm-up", o, reqs, { connections: 4, amount: 100 });
  sample();
  runs = [await cannon("static script file (`/_next/static`)", o, yard.file, d)];
  if (only.has("home")) runs.push(await cannon("`GET /en` home page (rendered, no database)", o, yard.home, d));
  // A route handler that touches nothing: what Next.js alone costs per request, the lookup API's floor.
  if (only.has("health")) runs.push(await cannon("`GET /api/health` (route handler, no database)", o, health, d));
  if (only.has("api")) runs.push(await cannon("`GET /api/lookup` (JSON, API key)", o, api, d));
  if (only.has("page")) runs.push(await cannon("`GET /en/lookup?q=…` (page)", o, page, d));
  if (only.has("staff")) {
    runs.push(
      await cannon(`board and case pages, ${INVESTIGATORS} signed-in investigators`, o, staff, {
        connections: INVESTIGATORS,
        duration: DURATION,
      }),
    );
    // The same investigators reading between clicks: one page each every THINK seconds,
    // released by autocannon in a burst once a second, then as independent users.
    runs.push(
      await cannon(
        `the same, one page per investigator every ${THINK} s (autocannon: all at once each second)`,
        o,
        staff,
        {
          connections: INVESTIGATORS,
          duration: DURATION,
          overallRate: INVESTIGATORS / THINK,
        },
      ),
    );
    runs.push(
      await thinkingUsers(
        `the same, each reading a random ${THINK} s on average between clicks (independent users)`,
        o,
        cookies.map((cookie) => ({ cookie, urls: staffUrls })),
        { thinkSeconds: THINK, durationSeconds: DURATION * 2 },
      ),
    );
  }
  sample();
  if (only.has("posts"))
    runs.push(
      await cannon(`report submissions (form post, ${posted.count})`, o, posted.requests, {
        connections: 20,
        amount: posted.count,
      }),
    );
  sample();
} finally {
  await app.stop();
}

const after = await counts();
const stored = await storedOf(posted!.tokens);
const lost = [...posted!.receipted].filter((t) => !stored.has(t)).length;
const check = skipRecluster ? null : await reclusterCopy(posted!.tokens);

console.log(
  `\n${N.toLocaleString("en")} reports (${after.reports.toLocaleString("en")} after the run), PostgreSQL, ${os.cpus().length} CPUs, Node ${process.version}; load average (1 min) before/between/after the runs: ${loads.join(" / ")}\n`,
);
const file = runs[0]!.rps;
console.log(
  "| what | connections | requests | req/s | p50 | p95 | p99 | errors | req/s vs static file |\n|---|---|---|---|---|---|---|---|---|",
);
const sent = posted!.count + 1;
const failed = sent - posted!.receipted.size;
for (const r of runs) {
  // A form post answered 200 without a receipt (an error page) failed as much as a 500.
  const bad = r.name.startsWith("report") ? Math.max(r.bad, failed) : r.bad;
  console.log(
    `| ${r.name} | ${r.connections} | ${r.total} | **${r.rps.toFixed(0)}** | ${r.p50} ms | ${r.p95} ms | ${r.p99} ms | ${bad} | ${(r.rps / file).toFixed(3)} |`,
  );
}
if (only.has("posts"))
  console.log(
    `\nReports: ${sent} posted, ${posted!.receipted.size} answered with a receipt (${failed} without), ${stored.size} stored; lost (receipt shown, report not stored): ${lost}; cases ${countsBefore.cases} → ${after.cases}.`,
  );
if (baseline && check) {
  console.log(`Before the run: ${baseline.text}`);
  console.log(`After the run: ${check.text}`);
  console.log(
    `Cases added by the run: ${after.cases - countsBefore.cases} live, ${check.cases - baseline.cases} by a re-cluster.`,
  );
}

async function counts() {
  const db = createPrisma(dbUrl, { max: 1 });
  try {
    return { reports: await db.report.count(), cases: await db.case.count() };
  } finally {
    await db.$disconnect();
  }
}

/** The tokens of the posts that were stored. */
async function storedOf(tokens: string[]): Promise<Set<string>> {
  const db = createPrisma(dbUrl, { max: 1 });
  try {
    const rows = await db.report.findMany({
      where: { submissionToken: { in: tokens } },
      select: { submissionToken: true },
    });
    return new Set(rows.map((r) => r.submissionToken!));
  } finally {
    await db.$disconnect();
  }
}

/** The posted reports grouped by case: each group as its sorted tokens. */
async function groups(url: string, tokens: string[]): Promise<Set<string>> {
  const db = createPrisma(url, { max: 1 });
  try {
    const rows = await db.report.findMany({
      where: { submissionToken: { in: tokens } },
      select: { submissionToken: true, caseId: true },
    });
    const byCase = new Map<string, string[]>();
    for (const r of rows) byCase.set(String(r.caseId), [...(byCase.get(String(r.caseId)) ?? []), r.submissionToken!]);
    return new Set([...byCase.values()].map((g) => g.sort().join(",")));
  } finally {
    await db.$disconnect();
  }
}

/** Re-clusters a copy of the database and compares it with the cases the live path built. */
async function reclusterCopy(tokens: string[]): Promise<{ cases: number; text: string }> {
  const copyUrl = Object.assign(new URL(dbUrl), { pathname: `${new URL(dbUrl).pathname}_recluster` }).toString();
  const copyName = new URL(copyUrl).pathname.slice(1);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(dbUrl), { pathname: "/postgres" }).toString(),
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${copyName}" TEMPLATE "${new URL(dbUrl).pathname.slice(1)}"`);
    const live = await groups(dbUrl, tokens);
    const db = createPrisma(copyUrl, { max: 2 });
    const t = Date.now();
    const r = await reclusterAll(db, { actor: systemActor("bench:load") }).finally(() => db.$disconnect());
    const again = await groups(copyUrl, tokens);
    const differ = [...live].filter((g) => !again.has(g)).length;
    const text = [
      `re-cluster of a copy (${((Date.now() - t) / 1000).toFixed(0)} s): ${r.cases} cases (live: ${(await counts()).cases});`,
      `created ${r.casesCreated}, merged ${r.casesMerged}, split ${r.casesSplit}, reports moved ${r.reportsMoved};`,
      tokens.length
        ? `the posted reports form ${live.size} cases live and ${again.size} re-clustered, ${differ} live groups differ.`
        : "",
    ].join(" ");
    return { cases: r.cases, text };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`);
    await admin.end();
  }
}
