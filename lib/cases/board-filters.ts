/**
 * The case board's query string, parsed with one schema shared by the filter
 * form and the data function. Bad values are dropped (the board shows
 * everything for that filter) rather than failing the page.
 */
import * as z from "zod/mini";
import { caseStatuses, parseAmountToMinor, provinces, scamTypes } from "@/lib/vocab";

export { caseStatuses, type CaseStatus } from "@/lib/vocab";
export const boardSorts = ["recent", "loss", "size"] as const;
export type BoardSort = (typeof boardSorts)[number];

const optional = <T extends z.ZodMiniType>(s: T) => z.catch(z.optional(s), undefined);
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const boardFilterSchema = z.object({
  status: optional(z.enum(caseStatuses)),
  scamType: optional(z.enum(scamTypes)),
  platform: optional(z.coerce.number().check(z.int(), z.positive())),
  province: optional(z.enum(provinces)),
  from: optional(date),
  to: optional(date),
  /** Yuan, as typed ("5000", "5,000.50"). */
  minLoss: optional(z.string().check(z.refine((v) => parseAmountToMinor(v) !== null))),
  mine: optional(z.enum(["1"])),
  sort: z.catch(z._default(z.enum(boardSorts), "recent"), "recent"),
  cursor: optional(z.string().check(z.maxLength(200))),
  q: optional(z.string().check(z.maxLength(200))),
});

export type BoardFilters = z.output<typeof boardFilterSchema>;

export function parseBoardFilters(params: Record<string, string | string[] | undefined>): BoardFilters {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined && one !== "") flat[k] = one;
  }
  return boardFilterSchema.parse(flat);
}

/** The same filters as a query string, without the cursor (for links and sorting). */
export function boardQuery(f: Partial<BoardFilters>, extra: Record<string, string | undefined> = {}): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, cursor: undefined, ...extra }))
    if (v !== undefined && v !== "") out.set(k, String(v));
  const s = out.toString();
  return s ? `?${s}` : "";
}
