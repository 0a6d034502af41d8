/**
 * `npm run export:cases -- OUT.jsonl [--all]`: one {externalId, caseId} line
 * per imported report (with --all, web reports too, under their reference).
 * Written to a temporary file and renamed, so OUT is never left half-written.
 */
import fs from "node:fs";
import { once } from "node:events";
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { caseAssignments } from "../lib/interchange/export";
import { systemActor } from "../lib/auth/permissions";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const out = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!out) {
  console.error("Usage: npm run export:cases -- OUT.jsonl [--all]");
  process.exit(64);
}

await withDatabase("npm run export:cases", async (url) => {
  const db = createPrisma(url, { max: 2 });
  const tmp = `${out}.partial`;
  const stream = fs.createWriteStream(tmp, "utf8");
  let n = 0;
  try {
    for await (const a of caseAssignments(
      db,
      { actor: systemActor("npm run export:cases") },
      { includeWeb: process.argv.includes("--all") },
    )) {
      if (!stream.write(`${JSON.stringify(a)}\n`)) await once(stream, "drain");
      n++;
    }
    stream.end();
    await once(stream, "finish");
    fs.renameSync(tmp, out);
    console.log(`Wrote ${n} assignments to ${out}`);
  } catch (e) {
    stream.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    await db.$disconnect();
  }
});
