import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase } from "../../test/fresh-db";
import type { Db } from "@/lib/db/client";
import { importReports } from "@/lib/interchange/import";
import { caseAssignments } from "@/lib/interchange/export";
import { systemActor } from "@/lib/auth/permissions";
import { Prisma, table } from "@/lib/db/sql";
import { reclusterAll } from "./store/recluster";

const tool = { actor: systemActor("test") };

const lines = fs
  .readFileSync(path.resolve(import.meta.dirname, "../../test/fixtures/interchange/sample-reports.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim());

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The grouping as a canonical set of sorted externalId lists. */
async function partition(db: Db): Promise<string[]> {
  const groups = new Map<string, string[]>();
  for await (const a of caseAssignments(db, tool))
    groups.set(a.caseId!, [...(groups.get(a.caseId!) ?? []), a.externalId]);
  return [...groups.values()].map((g) => g.sort().join(",")).sort();
}

const dbs: { db: Db; dispose(): Promise<void> }[] = [];
beforeAll(async () => {
  dbs.push(await freshDatabase(), await freshDatabase());
}, 120_000);
afterAll(async () => {
  for (const d of dbs) await d.dispose();
});

it("gives the same cases whatever the arrival order and batch size, and re-clustering changes nothing", async () => {
  const [a, b] = [dbs[0]!, dbs[1]!];
  await importReports(a.db, lines, { batchSize: 500 });
  // Reversed-then-shuffled order, and batches of 7, so most links are made
  // across batches and many cases are merged after the fact.
  await importReports(b.db, shuffled(lines, 42).reverse(), { batchSize: 7 });
  const pa = await partition(a.db);
  expect(pa.length).toBeGreaterThan(100);
  expect(await partition(b.db)).toEqual(pa);

  // Figures kept incrementally through hundreds of merges equal a recount.
  for (const { db } of [a, b]) {
    const [c, r, p] = [table("Case", "c"), table("Report", "r"), table("Payment", "p")];
    const wrong = await db.$queryRaw<{ number: string }[]>(Prisma.sql`
      SELECT ${c.number} FROM ${c} JOIN (
        SELECT ${r.caseId} AS "caseId", count(*)::int AS n, count(DISTINCT ${r.victimKey})::int AS v,
               COALESCE(sum(pl.loss), 0)::bigint AS loss,
               min(COALESCE(${r.incidentDate}, ${r.submittedAt}::date)) AS first, max(COALESCE(${r.incidentDate}, ${r.submittedAt}::date)) AS last,
               array_agg(DISTINCT ${r.victimProvince}) FILTER (WHERE ${r.victimProvince} <> '') AS provinces
        FROM ${r} LEFT JOIN LATERAL (SELECT sum(${p.amountMinor}) AS loss FROM ${p} WHERE ${p.reportId} = ${r.id} AND ${p.currency} = 'CNY') pl ON true
        GROUP BY ${r.caseId}
      ) s ON s."caseId" = ${c.id}
      WHERE ${c.reportCount} <> s.n OR ${c.victimCount} <> s.v OR ${c.lossCnyMinor} <> s.loss
         OR ${c.firstIncident} IS DISTINCT FROM s.first OR ${c.lastIncident} IS DISTINCT FROM s.last
         OR ARRAY(SELECT unnest(${c.provinces}) ORDER BY 1) IS DISTINCT FROM ARRAY(SELECT unnest(COALESCE(s.provinces, ARRAY[]::text[])) ORDER BY 1)`);
    expect(wrong).toEqual([]);
  }

  const before = await caseAssignments(b.db, tool).next();
  const r = await reclusterAll(b.db, tool);
  expect(r).toMatchObject({ casesCreated: 0, casesMerged: 0, casesSplit: 0, reportsMoved: 0 });
  expect((await caseAssignments(b.db, tool).next()).value).toEqual(before.value);
  expect(await partition(b.db)).toEqual(pa);
}, 600_000);
