/**
 * `npm run recluster`: rebuilds all cases from the stored identifiers, the
 * warning list and investigators' decisions. Case numbers are kept where a
 * case survives. Works while `npm start` runs (submissions wait meanwhile).
 */
import fs from "node:fs";
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { systemActor } from "../lib/auth/permissions";
import { reclusterAll } from "../lib/cases";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
await withDatabase("npm run recluster", async (url) => {
  const db = createPrisma(url, { max: 2 });
  try {
    const started = Date.now();
    const r = await reclusterAll(db, { actor: systemActor("npm run recluster") });
    console.log(
      [
        `Re-clustered ${r.reports} reports into ${r.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        `  cases created: ${r.casesCreated}, merged: ${r.casesMerged}, split: ${r.casesSplit}; reports moved: ${r.reportsMoved}`,
        `  timings (ms): ${Object.entries(r.timings)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      ].join("\n"),
    );
    if (process.argv.includes("--peak-rss")) {
      // VmHWM: the most resident memory this process ever had.
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1];
      console.log(`  peak RSS: ${Math.round(Number(hwm) / 1024)} MB`);
    }
  } finally {
    await db.$disconnect();
  }
});
