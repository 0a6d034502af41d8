/**
 * `npm run restore -- FILE [--force]`: puts a `npm run backup` archive back,
 * all or nothing (docs/operations.md, "Backup and restore"). Refuses a target
 * that holds data unless --force, and a backup of a newer schema.
 */
import { BackupError, restore } from "../lib/backup";
import { dataDir } from "../lib/db/embedded";
import { evidenceDir } from "../lib/reports/evidence";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run restore -- FILE [--force]");
  process.exit(64);
}
try {
  const m = await restore(
    { databaseUrl: process.env.DATABASE_URL, dataDir: dataDir(), evidenceDir: evidenceDir() },
    file,
    { force: process.argv.includes("--force") },
  );
  console.log(`Restored the ${m.backend} database of ${m.createdAt} (migration ${m.migration ?? "(none)"}).`);
  console.log(
    `  ${Object.entries(m.facts.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  if (m.evidence.store === "s3")
    console.log(`  evidence: ${m.evidence.keys.length} object keys expected in the bucket (not in the archive)`);
  console.log("Run `npm run db:migrate` (or `npm start`) to bring an older backup up to this version's schema.");
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  console.error(`Restore refused: ${e.message}`);
  process.exitCode = 1;
}
