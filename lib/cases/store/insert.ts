import "server-only";
import type { ReportLike } from "@/lib/matching";
import { identifiersOf, storeIdentifiers } from "./identifiers";
import { lockForMatching } from "./locks";
import { matchNewReports } from "./match";
import type { MatchSummary, Tx } from "./types";

/**
 * Normalises, stores and matches reports just inserted, in the caller's
 * transaction (the report form's): the receipt's report is already in its case.
 */
export async function matchInsertedReports(
  tx: Tx,
  reports: { reportId: number; report: ReportLike }[],
  opts: { cause: string; actorId?: string | null; exclusive?: boolean },
): Promise<MatchSummary> {
  const batch = reports.map((r) => ({ reportId: r.reportId, identifiers: identifiersOf(r.report) }));
  // Imports take the global lock: one big batch instead of thousands of keys.
  await lockForMatching(tx, batch, opts.exclusive);
  const idOf = await storeIdentifiers(tx, batch);
  return matchNewReports(tx, batch, idOf, { cause: opts.cause, actorId: opts.actorId, lockCases: !opts.exclusive });
}
