/**
 * On the embedded database every connection shares one backend session
 * (ADR 0007), so session-level state would leak from one connection to all
 * the others: a SET without LOCAL, a session advisory lock (which, held by the
 * one shared session, excludes nobody), a temporary table, LISTEN, a named
 * prepared statement. The app uses none of them; this keeps it that way.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const skip = ["node_modules", ".next", "generated", "data", "test-data", ".git", "test-results", "migrations"];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    if (skip.includes(name)) continue;
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx|js|mjs|cjs|sql)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

const sessionState: [string, RegExp][] = [
  ["session advisory lock", /\bpg_(try_)?advisory_lock(_shared)?\s*\(/i],
  ["set_config", /\bset_config\s*\(/i],
  // SQL keywords in capitals at the start of a string (not "UPDATE t SET", not prose).
  [
    "SET without LOCAL",
    /(^|[\s(,=]|Raw|Unsafe|sql)[`"']\s*SET\s+(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b)(SESSION\s+)?[a-z_."]+\s*(=|TO\b)/,
  ],
  ["temporary table", /\bCREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\s+TABLE\b/i],
  ["LISTEN / PREPARE / DISCARD", /(^|[\s(,=]|Raw|Unsafe|sql)[`"']\s*(LISTEN|UNLISTEN|PREPARE|DEALLOCATE|DISCARD)\s/],
  ["named prepared statement", /\.query\(\s*\{\s*name\s*:/],
];

it("no code sets session-level state on the shared connection", () => {
  const found: string[] = [];
  for (const file of sources(root)) {
    const text = fs.readFileSync(file, "utf8");
    for (const [what, re] of sessionState) if (re.test(text)) found.push(`${path.relative(root, file)}: ${what}`);
  }
  expect(found).toEqual([]);
});

it("recognises what it looks for", () => {
  const hits = (sql: string) => sessionState.filter(([, re]) => re.test(sql)).map(([w]) => w);
  expect(hits("`SELECT pg_advisory_lock(1)`")).toEqual(["session advisory lock"]);
  expect(hits("await db.$executeRaw`SET search_path = other`")).toEqual(["SET without LOCAL"]);
  expect(hits('"SET statement_timeout TO 0"')).toEqual(["SET without LOCAL"]);
  expect(hits("`CREATE TEMP TABLE x (v int)`")).toEqual(["temporary table"]);
  expect(hits("query(`LISTEN cases`)")).toEqual(["LISTEN / PREPARE / DISCARD"]);
  expect(hits("client.query({ name: 'q1', text: 'SELECT 1' })")).toEqual(["named prepared statement"]);
  // Transaction-scoped forms are fine.
  expect(hits("`SELECT pg_advisory_xact_lock($1::bigint)`")).toEqual([]);
  expect(hits("`SET LOCAL statement_timeout = 0`")).toEqual([]);
  expect(hits('`UPDATE "Report" r SET "victimKey" = u.k`')).toEqual([]);
  expect(hits('`UPDATE "Report" SET "caseId" = NULL`')).toEqual([]);
  expect(hits('"(password shown once; set DEMO_PASSWORD to choose it)"')).toEqual([]);
});
