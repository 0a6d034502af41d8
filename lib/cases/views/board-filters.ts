/**
 * The case board's query string, parsed with one schema shared by the filter
 * form and the data function. Bad values are dropped (the board shows
 * everything for that filter) rather than failing the page; whatever passes
 * is safe to hand to the database (int32 ids, real calendar days, bounded
 * amounts, no control characters), so no query string can make the page fail.
 * Pure: the client-safe entry (lib/cases/shared.ts) exports it.
 */
import * as z from "zod/mini";
import { caseStatuses, parseAmountToMinor, provinces, scamTypes } from "@/lib/vocab";
import { parseDay } from "./dashboard-range";

export { caseStatuses, type CaseStatus } from "@/lib/vocab";
export const boardSorts = ["recent", "loss", "size", "frozen"] as const;
export type BoardSort = (typeof boardSorts)[number];

export const INT32_MAX = 2_147_483_647;
const optional = <T extends z.ZodMiniType>(s: T) => z.catch(z.optional(s), undefined);
const day = z.string().check(z.refine((v) => parseDay(v) !== undefined));
// C0 controls and DEL never belong in a search; NUL would fail the query.
const CONTROL = /[\u0000-\u001f\u007f]/;

export const boardFilterSchema = z.object({
  status: optional(z.enum(caseStatuses)),
  scamType: optional(z.enum(scamTypes)),
  platform: optional(z.coerce.number().check(z.int(), z.positive(), z.lte(INT32_MAX))),
  province: optional(z.enum(provinces)),
  from: optional(day),
  to: optional(day),
  /** Yuan, as typed ("5000", "5,000.50"). */
  minLoss: optional(z.string().check(z.refine((v) => parseAmountToMinor(v) !== null))),
  mine: optional(z.enum(["1"])),
  /** Cases with money frozen by an organisation. */
  frozen: optional(z.enum(["1"])),
  /** Cases with a request past its due time and not answered. */
  overdue: optional(z.enum(["1"])),
  sort: z.catch(z._default(z.enum(boardSorts), "recent"), "recent"),
  cursor: optional(z.string().check(z.maxLength(200))),
  q: optional(
    z.string().check(
      z.maxLength(200),
      z.refine((v) => !CONTROL.test(v)),
    ),
  ),
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

/** Where the next page starts: the sort column's value and the case id of the last row shown. */
export interface BoardCursor {
  value: string;
  id: number;
}

export function encodeBoardCursor(value: string, id: number): string {
  return base64url(JSON.stringify([value, id]));
}

const INT8_MAX = 9_223_372_036_854_775_807n;
const validValue: Record<BoardSort, (v: string) => boolean> = {
  recent: (v) => parseDay(v) !== undefined,
  loss: (v) => /^\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX,
  frozen: (v) => /^\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX,
  size: (v) => /^\d{1,10}$/.test(v) && Number(v) <= INT32_MAX,
};

/** A cursor made by encodeBoardCursor for this sort, or null (a forged or stale one starts from the top). */
export function decodeBoardCursor(cursor: string | undefined, sort: BoardSort): BoardCursor | null {
  if (!cursor) return null;
  try {
    const [value, id] = JSON.parse(unbase64url(cursor)) as [unknown, unknown];
    if (typeof value !== "string" || !validValue[sort](value)) return null;
    if (typeof id !== "number" || !Number.isInteger(id) || id < 1 || id > INT32_MAX) return null;
    return { value, id };
  } catch {
    return null;
  }
}

// Browser-safe base64url (no Buffer in the client bundle).
function base64url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(s: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error("not base64url");
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}
