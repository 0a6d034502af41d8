/**
 * What bench:lookup, bench:board and bench:load ask of a loaded database: the
 * identifiers to look up (as people type them), an API key, the cases to open
 * and the board's variants.
 */
import { createPrisma } from "../../lib/db/client";
import { Prisma, table } from "../../lib/db/sql";
import { readingsOf } from "../../lib/lookup/parse";
import { reportedSql } from "../../lib/lookup/service";
import { hashApiKey } from "../../lib/lookup/api-keys";
import { MAX_KEY_RATE_PER_MINUTE } from "../../lib/lookup/schemas";

export interface Named {
  kind: string;
  value: string;
  display: string;
  reports: number;
}

export interface LookupFixtures {
  /** 300 identifiers of the data, 60 absent numbers, 2 official numbers. */
  queries: string[];
  named: Named[];
  /** The identifier named by the most reports among `named`. */
  busiest: Named;
  /** An API key with the largest per-key limit, so the per-key counter is part of every request. */
  key: string;
}

/** Typed as people type them: phones as `171 2345 6789`, accounts and cards with spaces. */
export const typed = (r: { kind: string; value: string; display: string }) =>
  r.kind === "phone" ? r.value.replace(/^\+86/, "").replace(/^(\d{3})(\d{4})(\d+)$/, "$1 $2 $3") : r.display;

export async function lookupFixtures(dbUrl: string, opts: { plan?: boolean } = {}): Promise<LookupFixtures> {
  const db = createPrisma(dbUrl, { max: 2 });
  try {
    const I = table("Identifier", "i");
    const RI = table("ReportIdentifier", "ri");
    // Identifiers named by reports, a random sample.
    const named = await db.$queryRaw<Named[]>(Prisma.sql`
      SELECT ${I.kind}::text AS kind, ${I.value} AS value, ${I.display} AS display, count(*)::int AS reports
      FROM ${I} JOIN ${RI} ON ${RI.identifierId} = ${I.id}
      WHERE ${I.kind}::text IN ('phone', 'qq', 'wechat', 'url', 'bank_account', 'alipay') AND ${I.linkable}
      GROUP BY 1, 2, 3 ORDER BY md5(${I.value}) LIMIT 300`);
    const queries = [
      ...named.map(typed),
      ...Array.from({ length: 60 }, (_, k) => `199 ${String(1000 + k).padStart(4, "0")} ${String(7000 + k)}`),
      "95311",
      "400-820-8820",
    ];
    const busiest = [...named].sort((a, b) => b.reports - a.reports)[0]!;
    console.log(
      `[setup] ${queries.length} lookup queries: ${named.length} named identifiers (busiest ${busiest.kind} named by ${busiest.reports} reports), 60 absent numbers, 2 official`,
    );
    if (opts.plan) {
      // The query plan for the busiest identifier: index paths only.
      const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${reportedSql(readingsOf(typed(busiest)), new Date())}`,
      );
      console.log(`\nEXPLAIN ANALYZE, lookup of ${typed(busiest)}:\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}\n`);
    }
    const key = `lk_bench${"x".repeat(27)}`; // "lk_" + 32 characters, as issued keys
    await db.apiKey.upsert({
      where: { keyHash: hashApiKey(key) },
      create: {
        name: "bench",
        keyHash: hashApiKey(key),
        prefix: key.slice(0, 9),
        ratePerMinute: MAX_KEY_RATE_PER_MINUTE,
      },
      update: { revokedAt: null, ratePerMinute: MAX_KEY_RATE_PER_MINUTE },
    });
    return { queries, named, busiest, key };
  } finally {
    await db.$disconnect();
  }
}

export interface BoardFixtures {
  /** 50 random case numbers. */
  cases: string[];
  /** The 5 largest cases. */
  biggest: { number: string; reportCount: number }[];
  /** A linkable phone of the data, for the board's search. */
  phone: string;
}

export async function boardFixtures(dbUrl: string): Promise<BoardFixtures> {
  const db = createPrisma(dbUrl, { max: 1 });
  try {
    const [C, I] = [table("Case"), table("Identifier")];
    const cases = await db.$queryRaw<{ number: string }[]>(
      Prisma.sql`SELECT ${C.number} AS number FROM ${C} ORDER BY md5(${C.id}::text) LIMIT 50`,
    );
    const biggest = await db.$queryRaw<{ number: string; reportCount: number }[]>(
      Prisma.sql`SELECT ${C.number} AS number, ${C.reportCount} AS "reportCount" FROM ${C} ORDER BY ${C.reportCount} DESC LIMIT 5`,
    );
    const [found] = await db.$queryRaw<{ value: string }[]>(
      Prisma.sql`SELECT ${I.value} AS value FROM ${I} WHERE ${I.kind} = 'phone' AND ${I.linkable} ORDER BY md5(${I.id}::text) LIMIT 1`,
    );
    return { cases: cases.map((c) => c.number), biggest, phone: found!.value };
  } finally {
    await db.$disconnect();
  }
}

/**
 * The board's 7 variants: default, sorted by loss, zh-CN sorted by size with a
 * status filter, province + scam type, minimum loss + date range, the second
 * page by cursor (from the first page sorted by loss), an identifier search.
 */
export function boardUrls(f: BoardFixtures, firstPageByLoss: string): string[] {
  const cursor = /cursor=([^"&]+)/.exec(firstPageByLoss)?.[1];
  return [
    "/en/staff/cases",
    "/en/staff/cases?sort=loss",
    "/zh-CN/staff/cases?sort=size&status=new",
    "/en/staff/cases?province=Shandong&scamType=courier_compensation",
    "/en/staff/cases?minLoss=1000&from=2026-03-01&to=2026-08-31",
    ...(cursor ? [`/en/staff/cases?sort=loss&cursor=${cursor}`] : []),
    `/en/staff/cases?q=${encodeURIComponent(f.phone.replace("+86", ""))}`,
  ];
}
