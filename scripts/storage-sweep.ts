/**
 * `npm run storage:sweep -- [--older-than-hours 24] [--dry-run]`: deletes
 * evidence objects (local folder or S3) that no report, addition or liaison
 * answer points at and that were written more than the given hours ago.
 * They are what a failed delete left behind (a refused report, a replaced
 * attachment; the server logged their keys). Safe while `npm start` runs:
 * files are written before the transaction that records them, and no
 * transaction lasts an hour (the least accepted). docs/operations.md, "Evidence".
 */
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { recordAudit } from "../lib/audit/record";
import { evidenceStore, sweepOrphans } from "../lib/storage";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const args = process.argv.slice(2);
const hoursAt = args.indexOf("--older-than-hours");
const hours = hoursAt >= 0 ? Number(args[hoursAt + 1]) : 24;
const known = (a: string, i: number) => a === "--dry-run" || a === "--older-than-hours" || i === hoursAt + 1;
if (args.some((a, i) => !known(a, i)) || !Number.isFinite(hours) || hours < 1) {
  console.error("Options: --older-than-hours N (at least 1; default 24), --dry-run");
  process.exit(64);
}
const dryRun = args.includes("--dry-run");

await withDatabase("npm run storage:sweep", async (url) => {
  const db = createPrisma(url, { max: 2 });
  try {
    const store = evidenceStore();
    const olderThan = new Date(Date.now() - hours * 3_600_000);
    const r = await sweepOrphans(db, store, { olderThan, dryRun });
    await recordAudit(db, {
      actorId: null,
      action: dryRun ? "storage.sweep.dry-run" : "storage.sweep",
      resourceType: "storage",
      resourceId: store.kind,
      detail: { olderThanHours: hours, ...r },
    });
    console.log(
      `${store.kind} evidence storage: ${r.listed} objects, ${r.inUse} in use, ${r.young} unreferenced but newer than ${hours} h (left), ` +
        `${r.removed} orphans ${dryRun ? "would be deleted (dry run)" : "deleted"}${r.failed ? `, ${r.failed} could not be deleted (run again)` : ""}.`,
    );
    if (r.failed) process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
});
