/** Case status workflow; pure, so the page offers exactly what the service accepts. */
import type { CaseStatus } from "@/lib/vocab";

/**
 * Where a case may go from each status. Forward one step at a time; back one
 * step to correct a mistake; closing is possible from anywhere (no further
 * action possible) and a closed case can be reopened for investigation.
 */
export const transitions: Record<CaseStatus, CaseStatus[]> = {
  new: ["triage", "closed"],
  triage: ["investigating", "new", "closed"],
  investigating: ["referred", "triage", "closed"],
  referred: ["closed", "investigating"],
  closed: ["investigating"],
};
