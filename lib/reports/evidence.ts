import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { env } from "@/lib/env";
import { safeFileName } from "@/lib/vocab/text";
import { EVIDENCE_EXTENSIONS } from "./evidence-types";

/** Types we accept, decided from the bytes, never from the name or the browser's claim. */
export const ALLOWED_EVIDENCE_TYPES = new Set(Object.keys(EVIDENCE_EXTENSIONS));

export function evidenceDir(): string {
  const e = env();
  return path.resolve(/*turbopackIgnore: true*/ e.EVIDENCE_DIR ?? path.join(e.DATA_DIR, "evidence"));
}

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

/** Writes files under random names; the caller deletes them if its transaction fails. */
export async function storeEvidence(
  files: CheckedEvidence[],
): Promise<{ storageKey: string; file: CheckedEvidence }[]> {
  const dir = evidenceDir();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stored: { storageKey: string; file: CheckedEvidence }[] = [];
  try {
    for (const file of files) {
      const storageKey = randomUUID();
      await fs.writeFile(path.join(dir, storageKey), file.bytes, { mode: 0o600, flag: "wx" });
      stored.push({ storageKey, file });
    }
  } catch (e) {
    await removeEvidence(stored.map((s) => s.storageKey));
    throw e;
  }
  return stored;
}

export async function removeEvidence(keys: string[]): Promise<void> {
  const dir = evidenceDir();
  await Promise.all(keys.map((k) => fs.rm(path.join(dir, k), { force: true })));
}

/**
 * Whether evidence can be stored right now (GET /api/ready): writes and
 * removes a small probe file where uploads go. The one storage check the
 * readiness endpoint calls; point it at the storage backend when evidence
 * moves behind one.
 */
export async function storageWritable(): Promise<boolean> {
  const probe = path.join(evidenceDir(), `.ready-${randomUUID()}`);
  try {
    await fs.mkdir(path.dirname(probe), { recursive: true, mode: 0o700 });
    await fs.writeFile(probe, "ok", { mode: 0o600, flag: "wx" });
    return true;
  } catch {
    return false;
  } finally {
    await fs.rm(probe, { force: true }).catch(() => undefined);
  }
}
