/**
 * `npm run bench:board -- [--reports 100000] [--orgs 120] [--db postgres://…] [--requests 200] [--reuse] [--port 3290] [--light /robots.txt]`
 *
 * Board and case-page latency against PostgreSQL: imports N synthetic reports
 * (default 100,000) into a fresh database, serves the production build on it,
 * signs in as an investigator through Auth.js, and times full HTTP requests
 * (server render included) for the board (default, filtered, sorted, a later
 * page, a search) and case pages (random and largest cases), one at a time.
 * Streamed pages are timed to the first body byte and to the end of the stream
 * (the goal is on the latter). A light page (`--light`, default /robots.txt) is
 * requested after each timed one, so its time is a same-run yardstick for the
 * machine's load; the load average is printed too. `--port` (default 3290).
 * `--orgs` organisations are added (idempotent), as a centre's liaison list.
 */
import os from "node:os";
import { arg, helpRequested, pct } from "./lib/bench";
import { investigator, organisations, signIn, startApp, syntheticDatabase, timedGet } from "./lib/bench-server";
import { boardFixtures, boardUrls } from "./lib/bench-fixtures";

helpRequested(import.meta.filename);

const N = Number(arg("reports", "100000"));
const REQUESTS = Number(arg("requests", "200"));
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_board");
const light = arg("light", "/robots.txt");
const reuse = process.argv.includes("--reuse");

await syntheticDatabase(dbUrl, N, 23, reuse);
const password = "bench-board-password-1";
const email = "bench-investigator@example.test";
await investigator(dbUrl, email, password);
await organisations(dbUrl, Number(arg("orgs", "120")));
const fixtures = await boardFixtures(dbUrl);
const { cases, biggest } = fixtures;
const app = await startApp(dbUrl, Number(arg("port", "3290")));
const origin = app.origin;
try {
  const cookie = await signIn(origin, email, password);

  // One request at a time. A streamed page counts until its last byte ("ms"); the
  // first body byte ("ttfb") is when the browser can start showing the shell.
  const get = (url: string) => timedGet(origin, url, cookie);
  const first = await get("/en/staff/cases?sort=loss");
  const urls = boardUrls(fixtures, first.body);
  type Sample = Awaited<ReturnType<typeof get>>;
  const runs: Record<string, Sample[]> = { light: [], board: [], case: [], bigCase: [] };
  const load: number[] = [os.loadavg()[0]!];
  for (let k = 0; k < 3; k++) await get(urls[k % urls.length]!); // warm-up
  // The light page is interleaved with the others so its figure shares their load.
  const timed = async (name: string, url: string) => {
    runs[name]!.push(await get(url));
    runs.light!.push(await get(light));
  };
  for (let k = 0; k < REQUESTS; k++) await timed("board", urls[k % urls.length]!);
  load.push(os.loadavg()[0]!);
  for (let k = 0; k < REQUESTS; k++) await timed("case", `/en/staff/cases/${cases[k % cases.length]}`);
  load.push(os.loadavg()[0]!);
  for (let k = 0; k < Math.min(REQUESTS, 50); k++)
    await timed("bigCase", `/en/staff/cases/${biggest[k % biggest.length]!.number}`);
  load.push(os.loadavg()[0]!);
  console.log(`\nlargest cases: ${biggest.map((b) => `${b.number} (${b.reportCount} reports)`).join(", ")}`);
  console.log(`load average (1 min) at start and after each group: ${load.map((l) => l.toFixed(1)).join(", ")}`);
  const lightP50 = pct(
    runs.light!.map((x) => x.ms),
    50,
  );
  console.log(
    `\n| page (${N.toLocaleString("en")} reports, PostgreSQL) | requests | first byte p50 / p95 | whole response p50 | **p95** | p95 ÷ light p50 | KiB (median) | goal (p95) |\n|---|---|---|---|---|---|---|---|`,
  );
  for (const [name, xs] of Object.entries(runs)) {
    const label = {
      light: `light page (${light}, between the others)`,
      board: "case board (7 filter/sort/page/search variants)",
      case: "case page, random cases",
      bigCase: "case page, the 5 largest cases",
    }[name];
    const goal = { light: "—", board: "≤ 60 ms", case: "≤ 60 ms", bigCase: "≤ 120 ms" }[name];
    const ms = xs.map((x) => x.ms);
    const ttfb = xs.map((x) => x.ttfb);
    const f = (v: number) => `${v.toFixed(0)} ms`;
    console.log(
      `| ${label} | ${xs.length} | ${f(pct(ttfb, 50))} / ${f(pct(ttfb, 95))} | ${f(pct(ms, 50))} | **${f(pct(ms, 95))}** | ${(pct(ms, 95) / lightP50).toFixed(1)} | ${(
        pct(
          xs.map((x) => x.bytes),
          50,
        ) / 1024
      ).toFixed(0)} | ${goal} |`,
    );
  }
} finally {
  await app.stop();
}
