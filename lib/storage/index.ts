import "server-only";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { env, type Env } from "@/lib/env";
import { log } from "@/lib/log";
import { localStore } from "./local";
import { s3Store } from "./s3";
import { STORAGE_KEY, StorageUnavailableError, type EvidenceStore } from "./types";

/**
 * The one way to evidence bytes (victims' files and liaisons' answer
 * attachments): EVIDENCE_STORAGE=local (a folder, the embedded default) or s3
 * (object storage shared by several app servers). ADR 0013.
 */
export { StorageUnavailableError, type EvidenceStore };
export { sweepOrphans, type SweepResult } from "./sweep";

/** The local backend's folder: EVIDENCE_DIR, else DATA_DIR/evidence. */
export function evidenceDir(e: Env = env()): string {
  return path.resolve(/*turbopackIgnore: true*/ e.EVIDENCE_DIR ?? path.join(e.DATA_DIR, "evidence"));
}

let cached: { for: Env; store: EvidenceStore } | undefined;

/** The configured backend (rebuilt when tests reset the configuration). */
export function evidenceStore(): EvidenceStore {
  const e = env();
  if (cached?.for === e) return cached.store;
  const store =
    e.EVIDENCE_STORAGE === "s3"
      ? s3Store({
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET!,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
          sse: e.S3_SSE,
          kmsKeyId: e.S3_SSE_KMS_KEY_ID,
        })
      : localStore(evidenceDir(e));
  cached = { for: e, store };
  return store;
}

export interface StorableFile {
  bytes: Buffer;
  sha256: string;
  mime: string;
}

/**
 * Writes files under fresh random keys, in order, before the caller's
 * transaction. All or nothing: if one write fails, those already written are
 * deleted and StorageUnavailableError is thrown. The caller deletes the keys
 * (removeStored) if its transaction then fails.
 */
export async function storeFiles<F extends StorableFile>(files: F[]): Promise<{ storageKey: string; file: F }[]> {
  const store = evidenceStore();
  const stored: { storageKey: string; file: F }[] = [];
  try {
    for (const file of files) {
      const storageKey = randomUUID();
      await store.put(storageKey, file.bytes, { sha256: file.sha256, mime: file.mime });
      stored.push({ storageKey, file });
    }
  } catch (e) {
    await removeStored(stored.map((s) => s.storageKey));
    throw e instanceof StorageUnavailableError ? e : new StorageUnavailableError(e);
  }
  return stored;
}

/**
 * Deletes stored files; never throws (it runs while another error is being
 * answered). What could not be deleted is logged by key — an orphan costs
 * space, not privacy: nothing in the database points at it.
 */
export async function removeStored(keys: string[]): Promise<void> {
  const valid = keys.filter((k) => STORAGE_KEY.test(k));
  if (valid.length === 0) return;
  await evidenceStore()
    .delete(valid)
    .catch((e: unknown) => log("warn", "evidence left behind (delete failed)", { keys: valid, error: reason(e) }));
}

/**
 * A stored file as a stream of its bytes, or null when it is missing. The
 * bytes are hashed on the way out: a file whose size or SHA-256 differs from
 * what was stored ends the stream with an error (the download is cut off,
 * never completed with altered bytes) and is logged.
 */
export async function openStored(key: string, expect: { sha256: string; size: number }): Promise<Readable | null> {
  if (!STORAGE_KEY.test(key)) return null;
  const source = await evidenceStore().get(key);
  if (!source) return null;
  const hash = createHash("sha256");
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      if (size === expect.size && hash.digest("hex") === expect.sha256) return done();
      log("error", "evidence does not match its stored hash", { key });
      done(new Error("evidence integrity check failed"));
    },
  });
  source.on("error", (e) => check.destroy(e));
  return source.pipe(check);
}

/** Whether new evidence can be stored right now (a probe object is written and deleted). For /api/ready. */
export async function storageWritable(): Promise<boolean> {
  try {
    await evidenceStore().probe();
    return true;
  } catch (e) {
    log("warn", "evidence storage is not writable", { error: reason(e) });
    return false;
  }
}

/** What went wrong, for the log: an error code or name (messages may carry paths or hosts, never PII, but stay short). */
function reason(e: unknown): string {
  const c = (e instanceof StorageUnavailableError ? e.cause : e) as { code?: unknown; name?: unknown } | undefined;
  return String(c?.code ?? c?.name ?? "unknown");
}

/** A Node stream as the body of a route's Response. */
export function responseBody(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
