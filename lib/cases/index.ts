/**
 * lib/cases — cases built from matched reports: the module's one public entry.
 *
 * Inside (not importable from outside; an ESLint rule enforces it):
 *   store/     storing match results: identifiers, locks, incremental matching
 *              (match.ts over the pure join-plan.ts), regions, apply (stable
 *              case numbers), full re-cluster, board figures, warning list checks
 *   views/     read views: board, board filters, case detail, search, dashboard,
 *              explanations, platform filter options, case page URL parsing
 *   workflow/  status, assignment, notes, matching decisions, warning-list edits
 *   scope.ts   a case's children are reached only through the case
 *   actions.ts the case page's server actions ("@/lib/cases/actions")
 *   shared.ts  the client-safe entry ("@/lib/cases/shared")
 *
 * Services: `service(db, ctx, input)`, `ctx = { actor, ip }`; each checks its
 * permission itself. The report writers' hooks below run inside the caller's
 * transaction instead (ADR 0009).
 */
import "server-only";

export * from "./shared";

// Read views.
export { listCases, type BoardPage, type BoardRow } from "./views/board";
export { platformFilterOptions, type PlatformOption } from "./views/platforms";
export { searchCases, type SearchHit } from "./views/search";
export { getCaseDetail, type CaseDetail, type CaseIdentifier, type CaseReport } from "./views/detail";
// The case page's sections, loaded (and streamed) one by one.
export {
  getCaseDecisions,
  getCaseGraph,
  getCaseHead,
  getCaseIdentifiers,
  getCaseReports,
  getCaseTimeline,
  type CaseHead,
  type CaseIdentifierSection,
  type CaseKey,
  type CaseReportsPage,
} from "./views/case-sections";
export { explainCase, explainReportChain, type CaseExplanation, type ChainStep } from "./views/explain";
export {
  loadDashboard,
  type Dashboard,
  type Figures,
  type FrozenMonthFigures,
  type MonthFigures,
  type PlatformFigures,
  type ProvinceFigures,
  type ScamTypeFigures,
} from "./views/dashboard";
export { currentNumber, caseByNumber, assertIdentifierInCase, type CaseRef } from "./scope";
// For lib/liaison/routes.ts: which identifiers of a case may link (warning list, holds, "do not link").
export { blockChecker, type BlockCheck } from "./store/warning-list";
export {
  listSharedNumbers,
  SHARED_NUMBERS_PAGE,
  type SharedNumberFilter,
  type SharedNumberRow,
} from "./views/shared-numbers";

// Workflow.
export { setStatus } from "./workflow/status";
export { assignCase, assignableStaff } from "./workflow/assignment";
export { addNote } from "./workflow/notes";
export { decide, revokeDecision, type CaseDecision, type DecideInput } from "./workflow/decisions";
export { addWarningEntry, removeWarningEntry, type WarningInput } from "./workflow/warning-list";
export { CaseError } from "./workflow/errors";
export {
  decideSharedNumber,
  type SharedNumberDecision,
  type SharedNumberDecisionInput,
} from "./workflow/shared-numbers";

// Storing match results: the full rebuild (a service), and the hooks the
// report writers (lib/reports, lib/interchange) call inside their own
// transaction, which already holds what they are allowed to write.
export { reclusterAll, type ReclusterResult } from "./store/recluster";
export { matchInsertedReports } from "./store/insert";
export { matchReportAddition } from "./store/addition";
export { identifiersOf, linkIdentifiers, upsertIdentifiers, type ReportIdentifiers } from "./store/identifiers";
export { lockForMatching } from "./store/locks";
export { finishMatch, guardCasesBehind, planMatch, type MatchPlan, type NewReport } from "./store/match";
export { addSummary, emptySummary, type MatchSummary, type Tx } from "./store/types";
export { refreshRequestFigures } from "./store/request-figures";
