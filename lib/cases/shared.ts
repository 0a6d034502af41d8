/**
 * The client-safe entry of lib/cases: pure helpers and types that browser
 * components (and the server) may import — the board's filter schema, the
 * case status workflow, the case page's URL parsing, the link graph's types.
 * No "server-only", no database. Server code imports everything, this
 * included, from "@/lib/cases".
 */
export {
  boardFilterSchema,
  boardQuery,
  boardSorts,
  caseStatuses,
  decodeBoardCursor,
  encodeBoardCursor,
  parseBoardFilters,
  type BoardCursor,
  type BoardFilters,
  type BoardSort,
  type CaseStatus,
} from "./views/board-filters";
export { parseDashboardRange, parseDay, type DashboardRange } from "./views/dashboard-range";
export {
  bannerOf,
  caseActionErrors,
  caseNumberFromPath,
  parseCasePageParams,
  casePageHref,
  type CaseActionError,
  type CaseBanner,
  type CasePageParams,
} from "./views/case-page-params";
export { transitions } from "./workflow/transitions";
export type { GraphEdge as CaseGraphEdge, GraphNode as CaseGraphNode } from "./views/graph-data";
export { parseCaseNumber } from "@/lib/vocab";
