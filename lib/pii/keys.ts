// No "server-only" marker: the start script, the data step and the rotation
// command use it outside Next.js (like lib/secrets.ts). node:fs keeps it out of client bundles.
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { newKeyEntry, parseKeyring, type Keyring } from "./cipher";

let cached: Keyring | undefined;
/** This process generated the key file (first start): the start-up says so once. */
let generated = false;

/** DATA_DIR/pii-keys: the embedded default's keyring, one "id:base64" per line, current first. */
export function keyFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().DATA_DIR, "pii-keys");
}

/** Whether the keys come from PII_ENCRYPTION_KEYS (else from the key file). */
export function keysFromEnv(): boolean {
  return env().PII_ENCRYPTION_KEYS !== undefined;
}

function readOrCreateFile(): Keyring {
  const file = keyFile();
  try {
    return parseKeyring(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file}: ${(e as Error).message}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, newKeyEntry() + "\n", { mode: 0o600, flag: "wx" });
    generated = true;
  } catch {
    // Another process created it first: use theirs.
  }
  return parseKeyring(fs.readFileSync(file, "utf8"));
}

let checkedAt = 0;
let fileVersion = 0;

/**
 * PII_ENCRYPTION_KEYS, or the key file (generated once, mode 0600). The file
 * is looked at again at most once a second: after `npm run pii:rotate-key --
 * --new-key` a running server writes with the new key within a second, so the
 * rows it writes do not stay under a key about to be dropped.
 */
export function piiKeys(): Keyring {
  const configured = env().PII_ENCRYPTION_KEYS;
  if (configured) return configured;
  const now = Date.now();
  if (cached && now - checkedAt < 1000) return cached;
  checkedAt = now;
  let version = 0;
  try {
    version = fs.statSync(keyFile()).mtimeMs;
  } catch {
    // Not there yet: created below.
  }
  if (!cached || version !== fileVersion) {
    cached = readOrCreateFile();
    fileVersion = version || fs.statSync(keyFile()).mtimeMs;
  }
  return cached;
}

/**
 * A value names a key this process does not know. With the key file, `npm run
 * pii:rotate-key -- --new-key` may have added one since this process read it:
 * read it again (at most once per unknown id). Returns whether it is known now.
 */
export function refreshKeysFor(keyId: string): boolean {
  if (keysFromEnv()) return false;
  cached = undefined;
  return piiKeys().some((k) => k.id === keyId);
}

/** Puts a fresh key first in the key file; returns its id. Only for the embedded default's file. */
export function addFileKey(): string {
  const current = readOrCreateFile();
  const entry = newKeyEntry();
  writeFile([entry, ...current.map((k) => `${k.id}:${k.key.toString("base64")}`)]);
  cached = undefined;
  return entry.slice(0, entry.indexOf(":"));
}

/** Keeps only the given key ids in the key file (the current key always stays). */
export function keepFileKeys(ids: Set<string>): string[] {
  const current = readOrCreateFile();
  const kept = current.filter((k, i) => i === 0 || ids.has(k.id));
  writeFile(kept.map((k) => `${k.id}:${k.key.toString("base64")}`));
  cached = undefined;
  return current.filter((k) => !kept.includes(k)).map((k) => k.id);
}

function writeFile(lines: string[]) {
  // Write beside it and rename: a crash halfway never leaves a file without the keys.
  const file = keyFile();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, lines.join("\n") + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Whether this process generated DATA_DIR/pii-keys (loads the keys first). */
export function generatedKeyFile(): string | null {
  piiKeys();
  return generated ? keyFile() : null;
}

/** For tests that change keys between cases. */
export function resetPiiKeys() {
  cached = undefined;
  checkedAt = 0;
}
