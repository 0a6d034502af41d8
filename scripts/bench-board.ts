/**
 * `npm run bench:board -- [--reports 100000] [--db postgres://…] [--requests 200] [--reuse] [--port 3290]`
 *
 * Board and case-page latency against PostgreSQL: imports N synthetic reports
 * (default 100,000) into a fresh database, serves the production build on it,
 * signs in as an investigator through Auth.js, and times full HTTP requests
 * (server render included) for the board (default, filtered, sorted, a later
 * page, a search) and case pages (random and largest cases). Reports p50/p95.
 */
import { arg, helpRequested, pct } from "./lib/bench";
import { investigator, signIn, startApp, syntheticDatabase } from "./lib/bench-server";
import { boardFixtures, boardUrls } from "./lib/bench-fixtures";

helpRequested(import.meta.filename);

const N = Number(arg("reports", "100000"));
const REQUESTS = Number(arg("requests", "200"));
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_board");
const reuse = process.argv.includes("--reuse");

await syntheticDatabase(dbUrl, N, 23, reuse);
const password = "bench-board-password-1";
const email = "bench-investigator@example.test";
await investigator(dbUrl, email, password);
const fixtures = await boardFixtures(dbUrl);
const { cases, biggest } = fixtures;
const app = await startApp(dbUrl, Number(arg("port", "3290")));
const origin = app.origin;
try {
  const cookie = await signIn(origin, email, password);

  const get = async (url: string) => {
    const t = performance.now();
    const res = await fetch(`${origin}${url}`, { headers: { cookie }, redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return { ms: performance.now() - t, body };
  };
  const first = await get("/en/staff/cases?sort=loss");
  const urls = boardUrls(fixtures, first.body);
  const timings: Record<string, number[]> = { board: [], case: [], bigCase: [] };
  for (let k = 0; k < 3; k++) await get(urls[k % urls.length]!); // warm-up
  for (let k = 0; k < REQUESTS; k++) timings.board!.push((await get(urls[k % urls.length]!)).ms);
  for (let k = 0; k < REQUESTS; k++) timings.case!.push((await get(`/en/staff/cases/${cases[k % cases.length]}`)).ms);
  for (let k = 0; k < Math.min(REQUESTS, 50); k++)
    timings.bigCase!.push((await get(`/en/staff/cases/${biggest[k % biggest.length]!.number}`)).ms);
  console.log(`\nlargest cases: ${biggest.map((b) => `${b.number} (${b.reportCount} reports)`).join(", ")}`);
  console.log(
    `\n| page (${N.toLocaleString("en")} reports, PostgreSQL) | requests | p50 | p95 | goal |\n|---|---|---|---|---|`,
  );
  for (const [name, xs] of Object.entries(timings)) {
    const label = {
      board: "case board (7 filter/sort/page/search variants)",
      case: "case page, random cases",
      bigCase: "case page, the 5 largest cases",
    }[name];
    console.log(
      `| ${label} | ${xs.length} | ${pct(xs, 50).toFixed(0)} ms | **${pct(xs, 95).toFixed(0)} ms** | ≤ 200 ms |`,
    );
  }
} finally {
  await app.stop();
}
