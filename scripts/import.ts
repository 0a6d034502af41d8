/**
 * `npm run import -- FILE.jsonl`: imports reports in the interchange format
 * (docs/interchange.md). Idempotent by externalId; malformed lines are listed
 * with their line number and the field at fault, and skipped; the import goes
 * on with the next line. Works while `npm start` runs.
 */
import fs from "node:fs";
import readline from "node:readline";
import cliProgress from "cli-progress";
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { importReports } from "../lib/interchange/import";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run import -- FILE.jsonl");
  process.exit(64);
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(66);
}

const total = await new Promise<number>((resolve) => {
  let n = 0;
  fs.createReadStream(file)
    .on("data", (b) => {
      for (const c of b as Buffer) if (c === 10) n++;
    })
    .on("end", () => resolve(n + 1));
});

await withDatabase("npm run import", async (url) => {
  const db = createPrisma(url, { max: 2 });
  const bar = new cliProgress.SingleBar(
    {
      format:
        "Importing |{bar}| {percentage}% {value}/{total} lines · {imported} new · {duplicates} already there · {malformed} malformed · {eta_formatted} left",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { imported: 0, duplicates: 0, malformed: 0 });
  const started = Date.now();
  try {
    const input = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
    const s = await importReports(db, input, {
      onProgress: (p) =>
        bar.update(p.lines, { imported: p.imported, duplicates: p.duplicates, malformed: p.malformed.length }),
    });
    bar.update(s.lines, { imported: s.imported, duplicates: s.duplicates, malformed: s.malformed.length });
    bar.stop();
    const secs = (Date.now() - started) / 1000;
    for (const m of s.malformed.slice(0, 50)) console.log(`  ✗ ${m.error}`);
    if (s.malformed.length > 50) console.log(`  … and ${s.malformed.length - 50} more malformed lines`);
    console.log(
      [
        `Done in ${secs.toFixed(1)} s (${Math.round(s.imported / Math.max(secs, 0.001))} reports/s).`,
        `  lines read:        ${s.lines}`,
        `  reports imported:  ${s.imported}`,
        `  already present:   ${s.duplicates}`,
        `  malformed, skipped: ${s.malformed.length}`,
        `  cases created: ${s.casesCreated}, merged: ${s.casesMerged}`,
      ].join("\n"),
    );
    if (s.malformed.length) process.exitCode = 2;
  } catch (e) {
    bar.stop();
    console.error(`Import stopped: ${e instanceof Error ? e.message : e}`);
    console.error("Batches already committed stay; run the same command again to continue where it stopped.");
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
});
