import "server-only";
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { env } from "@/lib/env";
import { safeFileName } from "@/lib/vocab/text";
import { removeStored, storeFiles } from "@/lib/storage";
import { EVIDENCE_EXTENSIONS } from "./evidence-types";

/** Types we accept, decided from the bytes, never from the name or the browser's claim. */
export const ALLOWED_EVIDENCE_TYPES = new Set(Object.keys(EVIDENCE_EXTENSIONS));

export { evidenceDir } from "@/lib/storage";

export interface CheckedEvidence {
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

export type EvidenceProblem = "tooManyFiles" | "fileTooLarge" | "fileType";

/** Validates uploads; returns the first problem or the checked files. */
export async function checkEvidence(
  files: File[],
): Promise<{ ok: true; files: CheckedEvidence[] } | { ok: false; problem: EvidenceProblem; file?: string }> {
  const { MAX_EVIDENCE_FILES, MAX_EVIDENCE_MB } = env();
  // An untouched file input still sends one empty part (named "" or "blob"
  // depending on the path); an empty file carries no evidence either way.
  const real = files.filter((f) => f.size > 0);
  if (real.length > MAX_EVIDENCE_FILES) return { ok: false, problem: "tooManyFiles" };
  const out: CheckedEvidence[] = [];
  for (const f of real) {
    if (f.size > MAX_EVIDENCE_MB * 1024 * 1024)
      return { ok: false, problem: "fileTooLarge", file: safeFileName(f.name) };
    const bytes = Buffer.from(await f.arrayBuffer());
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !ALLOWED_EVIDENCE_TYPES.has(type.mime))
      return { ok: false, problem: "fileType", file: safeFileName(f.name) };
    out.push({
      // Kept for staff to recognise; downloads are named by the sniffed type.
      originalName: safeFileName(f.name) || "evidence",
      mime: type.mime,
      size: f.size,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes,
    });
  }
  return { ok: true, files: out };
}

/**
 * Writes files under random keys in the configured storage (lib/storage),
 * before the caller's transaction; all or nothing (StorageUnavailableError).
 * The caller deletes them (removeEvidence) if its transaction fails.
 */
export function storeEvidence(files: CheckedEvidence[]): Promise<{ storageKey: string; file: CheckedEvidence }[]> {
  return storeFiles(files);
}

/** Deletes stored files; never throws (leftovers are logged by key). */
export function removeEvidence(keys: string[]): Promise<void> {
  return removeStored(keys);
}

/** Whether evidence can be stored right now (GET /api/ready): a probe write and delete on the backend. */
export { storageWritable } from "@/lib/storage";
