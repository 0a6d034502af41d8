/**
 * A database ready for this version of the app: the SQL migrations, then the
 * data steps a migration cannot do because they need the app's secret or the
 * victim-data key (docs/decisions/0015-pii-encryption.md). Run
 * wherever migrations run for real (npm start, db:migrate, tools that open the
 * embedded database themselves), before anything writes.
 */
import { createPrisma } from "./client";
import { runMigrations } from "./migrate";
import { hashPlainVictimKeys, hashVictimNames } from "../reports/victim-key";
import { encryptPlainRows, generatedKeyFile } from "../pii";

export async function prepareDatabase(url: string, opts: { quiet?: boolean } = {}): Promise<void> {
  await runMigrations(url, opts);
  const db = createPrisma(url, { max: 1 });
  try {
    const hashed = await hashPlainVictimKeys(db);
    if (hashed) console.log(`Stored ${hashed} victim keys as keyed hashes instead of phone digits.`);
    const generated = generatedKeyFile();
    if (generated) {
      console.log(
        `Generated the key for victim data at rest into ${generated}: back it up apart from the database ` +
          "(docs/operations.md, Encryption of victim data).",
      );
    }
    const sealed = await encryptPlainRows(db);
    if (sealed.reports || sealed.requests) {
      console.log(`Encrypted the victim data of ${sealed.reports} reports and ${sealed.requests} liaison requests.`);
    }
    const named = await hashVictimNames(db);
    if (named) console.log(`Stored search keys for ${named} victim names.`);
  } finally {
    await db.$disconnect();
  }
}
