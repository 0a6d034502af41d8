/**
 * For tests: victim data is stored encrypted, so "the report whose narrative
 * contains X" is found by opening the stored values here, not with SQL.
 */
import type { Db } from "@/lib/db/client";
import { openVictim } from "./index";

/** Ids of the reports whose (decrypted) narrative contains `marker`, oldest first. */
export async function reportIdsByNarrative(db: Db, marker: string): Promise<number[]> {
  const rows = await db.report.findMany({ select: { id: true, narrative: true }, orderBy: { id: "asc" } });
  return rows.filter((r) => openVictim(r).narrative.includes(marker)).map((r) => r.id);
}

/** How many reports' (decrypted) narrative contains `marker`. */
export async function countByNarrative(db: Db, marker: string): Promise<number> {
  return (await reportIdsByNarrative(db, marker)).length;
}
