/**
 * `npm run backup [-- --out FILE]`: the database (embedded or DATABASE_URL)
 * and the evidence folder in one archive with a manifest (docs/operations.md,
 * "Backup and restore"). The embedded database must not be open in `npm start`.
 */
import path from "node:path";
import { backup, BackupError } from "../lib/backup";
import { dataDir } from "../lib/db/embedded";
import { evidenceDir } from "../lib/reports/evidence";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const args = process.argv.slice(2);
const at = args.indexOf("--out");
const out = path.resolve(
  at >= 0 && args[at + 1] ? args[at + 1]! : `backup-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`,
);
try {
  const m = await backup(
    { databaseUrl: process.env.DATABASE_URL, dataDir: dataDir(), evidenceDir: evidenceDir() },
    out,
  );
  console.log(`Backup written to ${out}`);
  console.log(`  ${m.backend} database at migration ${m.migration ?? "(none)"}, app ${m.appVersion}`);
  console.log(
    `  ${Object.entries(m.facts.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(
    `  evidence: ${m.evidence.store === "local" ? `${m.evidence.files} files` : `${m.evidence.keys.length} object keys recorded (the bucket is kept by its own versioning)`}`,
  );
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  console.error(`Backup failed: ${e.message}`);
  process.exitCode = 1;
}
