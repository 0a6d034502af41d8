/**
 * `npm run pii:rotate-key`: re-encrypts every stored victim name, phone,
 * narrative and shared-victims snapshot with the current key (the first of
 * PII_ENCRYPTION_KEYS, or of DATA_DIR/pii-keys), in batches; idempotent and
 * restartable. Then counts the stored values per key, so you know when an old
 * key can go. docs/operations.md, "Encryption of victim data".
 *
 *   --new-key         with DATA_DIR/pii-keys: put a fresh key first, then re-encrypt;
 *                     with PII_ENCRYPTION_KEYS: print a fresh entry to put first, change nothing
 *   --drop-old-keys   with DATA_DIR/pii-keys: afterwards remove the keys no value uses any more
 *   --batch=N         rows per transaction (default 500)
 *
 * Works while `npm start` runs, like the other tools (lib/db/with-database.ts).
 */
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { addFileKey, keepFileKeys, keyCensus, keyFile, keysFromEnv, newKeyEntry, piiKeys, rewrapAll } from "../lib/pii";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const args = process.argv.slice(2);
const unknown = args.filter((a) => !/^--(new-key|drop-old-keys|batch=\d+)$/.test(a));
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(" ")}. Options: --new-key, --drop-old-keys, --batch=N`);
  process.exit(64);
}
const batchSize = Number(args.find((a) => a.startsWith("--batch="))?.slice(8) ?? 500);

if (args.includes("--new-key")) {
  if (keysFromEnv()) {
    console.log(
      [
        "The keys come from PII_ENCRYPTION_KEYS. Put this new entry first in it on every app server and restart them,",
        "then run `npm run pii:rotate-key` again (keep the old entries until it reports no values under them):",
        "",
        `  ${newKeyEntry()}`,
      ].join("\n"),
    );
    process.exit(0);
  }
  console.log(`Added key ${addFileKey()} first in ${keyFile()}.`);
}

await withDatabase("npm run pii:rotate-key", async (url) => {
  const db = createPrisma(url, { max: 2 });
  try {
    const current = piiKeys()[0].id;
    const started = Date.now();
    let last = 0;
    const counts = await rewrapAll(db, {
      batchSize,
      onBatch: (c) => {
        if (Date.now() - last < 2000) return;
        last = Date.now();
        console.log(`  … ${c.reports} reports, ${c.requests} requests so far`);
      },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Re-encrypted ${counts.reports} reports and ${counts.requests} liaison requests with key ${current} in ${seconds} s.`,
    );
    const census = await keyCensus(db);
    console.log(
      `Stored values per key: ${
        Object.entries(census)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ") || "none"
      }.`,
    );
    const others = Object.keys(census).filter((k) => k !== current);
    if (others.length) {
      // Rows written meanwhile by a server that still had the old key: run again.
      console.log(`Values under ${others.join(", ")} remain: run the command again before removing any key.`);
      process.exitCode = 1;
      return;
    }
    const unused = piiKeys()
      .slice(1)
      .map((k) => k.id);
    if (!unused.length) return;
    if (args.includes("--drop-old-keys") && !keysFromEnv()) {
      console.log(`Removed keys ${keepFileKeys(new Set()).join(", ")} from ${keyFile()}.`);
    } else {
      console.log(
        `No value uses ${unused.join(", ")} any more: remove ${unused.length > 1 ? "them" : "it"} from ` +
          (keysFromEnv() ? "PII_ENCRYPTION_KEYS" : `${keyFile()} (or run with --drop-old-keys)`) +
          ", keeping a copy with any backup made before today.",
      );
    }
  } finally {
    await db.$disconnect();
  }
});
