/**
 * `npm run bench:lookup -- [--reports 100000] [--db postgres://…] [--duration 15] [--connections 10] [--reuse] [--port 3291]`
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
 * the per-key counter's cost is part of what is measured. `npm run bench:load`
 * measures the same lookups alongside report submissions and the board.
 */
import os from "node:os";
import { arg, helpRequested } from "./lib/bench";
import { cannon, startApp, syntheticDatabase } from "./lib/bench-server";
import { lookupFixtures } from "./lib/bench-fixtures";
import { lookupRequests, yardstickRequests } from "./lib/bench-load-parts";

helpRequested(import.meta.filename);

const N = Number(arg("reports", "100000"));
const DURATION = Number(arg("duration", "15"));
const CONNECTIONS = Number(arg("connections", "10"));
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_lookup");
const reuse = process.argv.includes("--reuse");

await syntheticDatabase(dbUrl, N, 29, reuse);
const fixtures = await lookupFixtures(dbUrl, { plan: true });
const app = await startApp(dbUrl, Number(arg("port", "3291")), { LOOKUP_RATE_LIMIT: "100000000" });
try {
  const { api, page } = await lookupRequests(app.origin, fixtures);
  const yard = await yardstickRequests(app.origin);
  const opts = { connections: CONNECTIONS, duration: DURATION };
  const runs = [
    await cannon("GET /api/lookup (JSON, API key)", app.origin, api, opts),
    await cannon("GET /en/lookup?q=… (page)", app.origin, page, opts),
    await cannon("GET /en (home page, no database)", app.origin, yard.home, opts),
    await cannon("static script file (/_next/static)", app.origin, yard.file, opts),
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
  await app.stop();
}
