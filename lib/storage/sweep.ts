import "server-only";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import type { EvidenceStore } from "./types";

/**
 * Objects nothing in the database points at: files a failed delete left
 * behind (removeStored logs their keys and goes on). Files are written before
 * the transaction that records them, so only objects older than `olderThan`
 * are orphans for sure; younger ones may belong to a report being stored now.
 */
export interface SweepResult {
  listed: number;
  inUse: number;
  /** Not referenced, but written after the cut-off: left alone. */
  young: number;
  /** Deleted (or, with dryRun, that would have been). */
  removed: number;
  /** Orphans whose delete failed (their count is logged; run again). */
  failed: number;
}

/** Which of these keys a report's evidence or a liaison's answer attachment names. */
async function keysInUse(db: Db, keys: string[]): Promise<Set<string>> {
  const [evidence, attachments] = await Promise.all([
    db.evidence.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } }),
    db.liaisonRequestItem.findMany({ where: { attachmentKey: { in: keys } }, select: { attachmentKey: true } }),
  ]);
  return new Set([...evidence.map((e) => e.storageKey), ...attachments.map((a) => a.attachmentKey!)]);
}

export async function sweepOrphans(
  db: Db,
  store: EvidenceStore,
  opts: { olderThan: Date; dryRun?: boolean; batchSize?: number },
): Promise<SweepResult> {
  const result: SweepResult = { listed: 0, inUse: 0, young: 0, removed: 0, failed: 0 };
  const batchSize = opts.batchSize ?? 1000;
  const settle = async (batch: { key: string; modified: Date }[]) => {
    const used = await keysInUse(
      db,
      batch.map((o) => o.key),
    );
    const orphans: string[] = [];
    for (const o of batch) {
      if (used.has(o.key)) result.inUse++;
      else if (o.modified >= opts.olderThan) result.young++;
      else orphans.push(o.key);
    }
    if (!orphans.length || opts.dryRun) return void (result.removed += orphans.length);
    try {
      await store.delete(orphans);
      result.removed += orphans.length;
    } catch (e) {
      log("warn", "evidence sweep: some deletes failed", { orphans: orphans.length, error: String(e) });
      result.failed += orphans.length;
    }
  };
  const batch: { key: string; modified: Date }[] = [];
  for await (const o of store.list()) {
    result.listed++;
    batch.push(o);
    if (batch.length >= batchSize) await settle(batch.splice(0));
  }
  if (batch.length) await settle(batch);
  return result;
}
