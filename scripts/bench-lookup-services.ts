/**
 * `npm run bench:lookup-services -- [--db postgres://…] [--seconds 5] [--connections 10]`
 *
 * The lookup API's work without Next.js: its two service calls, as the route
 * makes them, in this process with a pool of `--connections`, as fast as they
 * answer: the key check and count (takeKeyedApiLookup), the lookup
 * (lookupIdentifier: reading the query, the warning list, the reports), and
 * both in turn, as one API request does. Prints calls/s and this process's CPU
 * per call; PostgreSQL takes the rest of the machine. Together with
 * `GET /api/health` in `npm run bench:load` (Next.js alone, no database) it
 * bounds what the lookup API can reach on the machine. Runs on bench:load's
 * database (`npm run bench:load` once first, or `--db` one of bench:lookup's).
 */
import os from "node:os";
import { createPrisma } from "../lib/db/client";
import { takeKeyedApiLookup } from "../lib/lookup/rate-limit";
import { lookupIdentifier } from "../lib/lookup/service";
import { arg, helpRequested } from "./lib/bench";
import { lookupFixtures } from "./lib/bench-fixtures";

helpRequested(import.meta.filename);
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_load");
const SECONDS = Number(arg("seconds", "5"));
const CONNECTIONS = Number(arg("connections", "10"));

const fixtures = await lookupFixtures(dbUrl, { plan: false });
const db = createPrisma(dbUrl, { max: CONNECTIONS });
const authorization = `Bearer ${fixtures.key}`;
const take = async () => {
  if ((await takeKeyedApiLookup(db, authorization)) === "unauthorized") throw new Error("the key was refused");
};
const lookup = async (q: string) => void (await lookupIdentifier(db, q));
const parts = {
  "key check and count (takeKeyedApiLookup)": take,
  "lookup (lookupIdentifier)": lookup,
  "both, as one API request": async (q: string) => {
    await take();
    await lookup(q);
  },
};

async function run(f: (q: string) => Promise<void>, seconds: number) {
  let k = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() - t0 < seconds * 1000) await f(fixtures.queries[k++ % fixtures.queries.length]!);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: k / elapsed, cpuMs: (cpu.user + cpu.system) / 1000 / k };
}

const rows: string[] = [];
try {
  for (const [name, f] of Object.entries(parts)) {
    await run(f, 1); // warm-up
    const r = await run(f, SECONDS);
    rows.push(`| ${name} | ${CONNECTIONS} | **${Math.round(r.perSecond)}** | ${r.cpuMs.toFixed(2)} ms |`);
  }
} finally {
  await db.$disconnect();
}
console.log(
  `\nlookup services on ${dbUrl.replace(/\/\/[^@]*@/, "//")}, ${os.cpus().length} CPUs, Node ${process.version}\n`,
);
console.log("| call | connections | calls/s | this process's CPU per call |");
console.log("|---|---|---|---|");
for (const r of rows) console.log(r);
