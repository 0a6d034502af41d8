/**
 * Evidence storage: one interface, two backends (docs/decisions/0013-evidence-storage.md).
 * Keys are random UUIDs chosen by the app; the database keeps the key and the
 * content's SHA-256, nothing else about where the bytes are.
 */
import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";

export interface EvidenceStore {
  readonly kind: "local" | "s3";
  /** Writes a new object; never overwrites one (keys are fresh). Throws StorageUnavailableError. */
  put(key: string, bytes: Buffer, meta: { sha256: string; mime: string }): Promise<void>;
  /** The object's bytes as a stream, or null when there is no such object. */
  get(key: string): Promise<Readable | null>;
  /** Deletes objects; missing ones are not an error. */
  delete(keys: string[]): Promise<void>;
  /** Writes and deletes a probe object: whether new evidence can be stored now. */
  probe(): Promise<void>;
  /** Every stored object under an app key (STORAGE_KEY), with when it was written; for the orphan sweep. */
  list(): AsyncIterable<{ key: string; modified: Date }>;
}

/** Evidence could not be written (disk full or read-only, object storage refusing). Nothing was kept. */
export class StorageUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super("storageUnavailable", 503, "evidence storage refused the write");
    this.cause = cause;
  }
}

/** The keys the app makes (randomUUID); anything else never reaches a backend. */
export const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
