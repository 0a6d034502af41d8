/**
 * `node --conditions=react-server --import tsx scripts/bench-board-ab.ts --a URL --b URL --db postgres://… [--rounds 10]`
 *
 * The case page on two servers of the same database (two builds: before and
 * after a change), requested in turn, one at a time, so both share whatever
 * load the machine has. Signs in as bench:board's investigator (run
 * bench:board once first). Times each response to its first byte and to the
 * end of the stream; prints p50/p95 per server for the 5 largest and 50 random
 * cases, and the board.
 */
import os from "node:os";
import { createPrisma } from "../lib/db/client";
import { Prisma, table } from "../lib/db/sql";
import { arg, helpRequested, pct } from "./lib/bench";
import { signIn, timedGet } from "./lib/bench-server";

helpRequested(import.meta.filename);
const servers = { a: arg("a", "http://localhost:3285"), b: arg("b", "http://localhost:3282") };
const dbUrl = arg("db", "postgres://postgres@127.0.0.1:5432/bench_board");
const rounds = Number(arg("rounds", "10"));
const db = createPrisma(dbUrl, { max: 1 });
const C = table("Case");
const random = await db.$queryRaw<{ number: string }[]>(
  Prisma.sql`SELECT ${C.number} AS number FROM ${C} ORDER BY md5(${C.id}::text) LIMIT 50`,
);
const biggest = await db.$queryRaw<{ number: string }[]>(
  Prisma.sql`SELECT ${C.number} AS number FROM ${C} ORDER BY ${C.reportCount} DESC LIMIT 5`,
);
await db.$disconnect();

// bench:board's investigator.
const signInAt = (origin: string) => signIn(origin, "bench-investigator@example.test", "bench-board-password-1");
const cookies = { a: await signInAt(servers.a), b: await signInAt(servers.b) };
const get = (side: "a" | "b", url: string) => timedGet(servers[side], url, cookies[side]);

type S = { ms: number; ttfb: number }[];
const groups: Record<string, { a: S; b: S; urls: string[] }> = {
  board: {
    a: [],
    b: [],
    urls: ["/en/staff/cases", "/en/staff/cases?sort=loss", "/zh-CN/staff/cases?sort=size&status=new"],
  },
  random: { a: [], b: [], urls: random.map((c) => `/en/staff/cases/${c.number}`) },
  largest: { a: [], b: [], urls: biggest.map((c) => `/en/staff/cases/${c.number}`) },
};
for (const g of Object.values(groups)) for (const side of ["a", "b"] as const) await get(side, g.urls[0]!); // warm-up
const load = [os.loadavg()[0]!];
for (let r = 0; r < rounds; r++)
  for (const g of Object.values(groups))
    for (const [k, url] of g.urls.entries()) {
      // Alternate which server goes first, so neither always gets the warmer cache.
      const order = (r + k) % 2 ? (["a", "b"] as const) : (["b", "a"] as const);
      for (const side of order) g[side].push(await get(side, url));
    }
load.push(os.loadavg()[0]!);
console.log(`load average (1 min) at start and end: ${load.map((l) => l.toFixed(1)).join(", ")}`);
console.log(`\n| page | server | requests | first byte p50 / p95 | whole p50 | whole p95 |\n|---|---|---|---|---|---|`);
const f = (v: number) => `${v.toFixed(0)} ms`;
for (const [name, g] of Object.entries(groups))
  for (const side of ["a", "b"] as const) {
    const xs = g[side];
    const ms = xs.map((x) => x.ms);
    const tt = xs.map((x) => x.ttfb);
    console.log(
      `| ${name} | ${side} (${servers[side]}) | ${xs.length} | ${f(pct(tt, 50))} / ${f(pct(tt, 95))} | ${f(pct(ms, 50))} | **${f(pct(ms, 95))}** |`,
    );
  }
