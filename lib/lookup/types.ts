/**
 * The answer of the public risk lookup, the same for the page and the JSON API.
 * Pure and client-safe. It never carries victim data, case numbers or report
 * references: only a count, two months and scam types.
 */
import type { ScamType } from "@/lib/vocab/choices";

/** Reports in the window needed before a count is shown; fewer reads as "none". */
export const MIN_REPORTS_SHOWN = 2;
/** The window the count covers. */
export const LOOKUP_WINDOW_DAYS = 90;

export type LookupResult =
  | {
      kind: "official";
      /** The warning list's label, e.g. "ZTO Express". */
      company: string;
      /** "prefix": a range of numbers (400 …), labelled by what the range is. */
      match: "exact" | "prefix";
    }
  | {
      kind: "reported";
      /** Distinct reports in the last LOOKUP_WINDOW_DAYS days naming it; always ≥ MIN_REPORTS_SHOWN. */
      reports: number;
      /** "YYYY-MM" (China time) of the earliest and latest incident (or report, without a date) naming it. */
      firstMonth: string;
      lastMonth: string;
      scamTypes: ScamType[];
    }
  | { kind: "none" };

export interface LookupAnswer {
  /** How the input was read (the first reading's display form), or null when it reads as nothing. */
  readAs: string | null;
  result: LookupResult;
}
