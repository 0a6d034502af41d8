/**
 * A database ready for this version of the app: the SQL migrations, then the
 * data steps a migration cannot do because they need the app's secret. Run
 * wherever migrations run for real (npm start, db:migrate, tools that open the
 * embedded database themselves), before anything writes.
 */
import { createPrisma } from "./client";
import { runMigrations } from "./migrate";
import { hashPlainVictimKeys } from "../reports/victim-key";

export async function prepareDatabase(url: string, opts: { quiet?: boolean } = {}): Promise<void> {
  await runMigrations(url, opts);
  const db = createPrisma(url, { max: 1 });
  try {
    const hashed = await hashPlainVictimKeys(db);
    if (hashed) console.log(`Stored ${hashed} victim keys as keyed hashes instead of phone digits.`);
  } finally {
    await db.$disconnect();
  }
}
