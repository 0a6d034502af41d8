import { firstParam } from "@/lib/vocab/search-params";
/**
 * The case page's URL, read defensively: the case number from the path, the
 * report cursor, the "why linked" report and the outcome banner that the
 * case actions put in the query string. Anything malformed is either ignored
 * (banner, why) or a 404 (path, cursor) — never a database error. Pure.
 */
import { parseCaseNumber, parseReportReference } from "@/lib/vocab";
import { INT32_MAX } from "./board-filters";

/** errors.* keys a case action can answer with; the banner shows nothing else. */
export const caseActionErrors = [
  "invalid",
  "required",
  "tooLong",
  "invalidChoice",
  "invalidTransition",
  "invalidAssignee",
  "reasonRequired",
  "sameCase",
  "invalidSplit",
  "sameReport",
  "alreadyRevoked",
  "caseNotFound",
  "notFound",
  "forbidden",
  "unauthenticated",
  "rateLimited",
  "databaseUnavailable",
  "unexpected",
] as const;
export type CaseActionError = (typeof caseActionErrors)[number];

export type CaseBanner = { kind: "done" } | { kind: "error"; code: CaseActionError; errorId: string | null };

export interface CasePageParams {
  /** Reports after this id (the "more reports" link). */
  after?: number;
  /** Explain why this report (by reference) is in the case. */
  why: string | null;
  showAllIdentifiers: boolean;
  /** Every row of the routing table ("routing=all"), not only the first. */
  showAllRouting: boolean;
  /**
   * The whole page in one response, nothing streamed ("whole=1"): where a
   * browser runs no JavaScript, streamed sections never move into place, so
   * the page sends such a browser here (StreamedWithoutScript).
   */
  whole: boolean;
  /** The identifier whose organisation is being chosen in the routing table ("route=<id>"); malformed: none. */
  editRoute: number | null;
  banner: CaseBanner | null;
}

type SearchParams = Record<string, string | string[] | undefined>;
const one = firstParam;
const isCode = (v: unknown): v is CaseActionError => (caseActionErrors as readonly unknown[]).includes(v);
/** The ids lib/log.ts gives unexpected errors. */
const ERROR_ID = /^[0-9a-f]{8}$/;

/** The case number in the page's path (encoded or not), or null: the page is a 404. */
export function caseNumberFromPath(raw: string): string | null {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Already decoded, or a stray "%": parse it as it is.
  }
  return parseCaseNumber(decoded);
}

/** The query string of a case page, or null when it names no page (a malformed cursor): a 404. */
export function parseCasePageParams(sp: SearchParams): CasePageParams | null {
  const afterRaw = one(sp.after);
  const after = afterRaw ? positiveInt(afterRaw) : undefined;
  if (after === null) return null;
  return {
    after,
    why: parseReportReference(one(sp.why)),
    showAllIdentifiers: one(sp.identifiers) === "all",
    showAllRouting: one(sp.routing) === "all",
    whole: one(sp.whole) === "1",
    editRoute: positiveInt(one(sp.route)),
    banner: bannerOf(sp),
  };
}

/**
 * A link to another view of the same case page, landing at `anchor`. On a
 * page rendered whole (no JavaScript) the link keeps `whole=1`: the streamed
 * page would send such a browser on through its refresh, which drops the
 * anchor, and the reader would land at the top rather than at the section.
 */
export function casePageHref(
  locale: string,
  number: string,
  query: Record<string, string | number | null | undefined> | URLSearchParams,
  anchor: string,
  whole: boolean,
): string {
  const q = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? query.entries() : Object.entries(query);
  for (const [k, v] of entries) if (v !== null && v !== undefined) q.append(k, String(v));
  if (whole) q.set("whole", "1");
  const search = q.size ? `?${q}` : "";
  return `/${locale}/staff/cases/${encodeURIComponent(number)}${search}#${anchor}`;
}

/** A row id as URLs carry it: 1 to INT32_MAX, digits only; anything else null. */
function positiveInt(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= INT32_MAX ? n : null;
}

/** The outcome the last case action left in the URL: only known codes, and an error id only where one is shown. */
export function bannerOf(sp: SearchParams): CaseBanner | null {
  const error = one(sp.error);
  if (error !== undefined) {
    const field = one(sp.field);
    // A field's own code says more than "invalid".
    const code = isCode(field) ? field : isCode(error) ? error : "invalid";
    const errorId = one(sp.errorId);
    return {
      kind: "error",
      code,
      errorId: code === "unexpected" && errorId && ERROR_ID.test(errorId) ? errorId : null,
    };
  }
  return one(sp.done) !== undefined ? { kind: "done" } : null;
}
