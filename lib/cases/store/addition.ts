import "server-only";
import type { ReportLike } from "@/lib/matching";
import { identifiersOf, storeIdentifiers } from "./identifiers";
import { lockForMatching } from "./locks";
import { reclusterRegion } from "./region";
import { refreshCaseStats } from "./stats";
import { emptySummary, type MatchSummary, type Tx } from "./types";

/**
 * A victim added to a report that is already stored and in its case (lib/victims
 * additions): its new identifiers are linked to the report and matched, and
 * the case figures take in what was added, in the caller's transaction.
 *
 * Not the fast path of new reports (planMatch/finishMatch): that path adds a
 * new report's whole figures to its case, and treats the report as in no case
 * yet. An existing report gaining identifiers is a change to a region — like a
 * decision — so the region around the report is re-clustered (merging the
 * cases the new identifiers now join, with the over-correlation guard), under
 * the global matching lock taken exclusively: submissions wait a moment
 * instead of racing a merge. Additions are rare (rate-limited per report).
 *
 * `added` holds only what the addition brings (its contacts and payments) and
 * the original report's victim phone (the matcher leaves the victim's own
 * number out).
 */
export async function matchReportAddition(
  tx: Tx,
  input: { reportId: number; added: ReportLike },
  opts: { cause: string },
): Promise<MatchSummary> {
  const batch = [{ reportId: input.reportId, identifiers: identifiersOf(input.added) }];
  await lockForMatching(tx, batch, true);
  let touched: number[] = [];
  let summary = emptySummary();
  // Only a platform or files: nothing can link anew, the figures alone change.
  if (batch[0]!.identifiers.length) {
    await storeIdentifiers(tx, batch);
    ({ touched, ...summary } = await reclusterRegion(tx, [input.reportId], { cause: opts.cause }));
  }
  // Payments and platforms were added even when no report moved: the report's case is recomputed.
  const report = await tx.report.findUnique({ where: { id: input.reportId }, select: { caseId: true } });
  if (report?.caseId != null && !touched.includes(report.caseId)) await refreshCaseStats(tx, [report.caseId]);
  return summary;
}
