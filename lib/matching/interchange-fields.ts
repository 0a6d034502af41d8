import { isLosslessNumber } from "lossless-json";
import { z } from "zod";
import { cleanText, firstControlChar, type TextKind } from "@/lib/vocab/text";
import { dateProblem, dayStart, EARLIEST_DAY, parseInstant } from "@/lib/vocab/dates";
import { isCurrencyCode } from "@/lib/vocab/currency";
import { decimalToMinor, MAX_STORABLE_MINOR, toHalfWidth } from "@/lib/vocab/money";

/**
 * Field parsers of the interchange format. Two kinds of trouble:
 * - soft: missing, empty or of the wrong type — the field is dropped and the
 *   report still imports (the format allows it);
 * - hard: a value that is there but wrong in a way that must not be stored or
 *   guessed (a control character, 2026-02-31, a date before 2000 or in the
 *   future, a currency that is not ISO 4217, an amount no column can hold) —
 *   the line is refused with the field's path, and the import goes on.
 * Numbers arrive from lossless-json with their source text, so amounts never
 * pass through a double.
 */

const HARD = "interchange-hard";

export function isHardIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && (issue as { params?: { kind?: string } }).params?.kind === HARD;
}

function refuse(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message, params: { kind: HARD } });
  return z.NEVER;
}

/** A short, escaped quote of a bad value for the error message. */
const quote = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** A JSON number as its source text: integers exactly as written ("13905310000"). */
function numberText(source: string): string {
  return /^-?\d+$/.test(source) ? source : String(Number(source));
}

function rawText(v: unknown): string | undefined {
  if (isLosslessNumber(v)) return numberText(v.value);
  if (typeof v === "number" && Number.isFinite(v)) return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  return typeof v === "string" ? v : undefined;
}

/** Text as stored: bidi controls stripped, control characters refused, trimmed, "" dropped. */
export const text = (kind: TextKind = "line") =>
  z
    .unknown()
    .transform((v, ctx): string | undefined => {
      const raw = rawText(v);
      if (raw === undefined) return undefined;
      const c = cleanText(raw, kind);
      if (!c.ok) return refuse(ctx, `contains a control character (${firstControlChar(raw)})`);
      return c.value.trim() || undefined;
    })
    .optional();

export const externalId = z.unknown().transform((v, ctx): string => {
  const raw = rawText(v);
  const c = raw === undefined ? null : cleanText(raw);
  if (c && !c.ok) return refuse(ctx, `contains a control character (${firstControlChar(raw!)})`);
  const id = c?.value.trim() ?? "";
  if (!id) {
    ctx.addIssue({ code: "custom", message: "externalId is required" });
    return z.NEVER;
  }
  if (id.length > 200) {
    ctx.addIssue({ code: "custom", message: "externalId is longer than 200 characters" });
    return z.NEVER;
  }
  return id;
});

function checkedInstant(v: unknown, ctx: z.RefinementCtx): { text: string; at: Date } | undefined {
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const s = v.trim();
  const at = parseInstant(s);
  if (at) return { text: s, at };
  refuse(ctx, `not a real ISO 8601 date or time (${quote(s)})`);
  return undefined;
}

function bounded(ctx: z.RefinementCtx, s: string, at: Date): void {
  const problem = dateProblem(at);
  if (problem === "dateTooEarly") refuse(ctx, `before ${EARLIEST_DAY} (${quote(s)})`);
  if (problem === "futureDate") refuse(ctx, `in the future (${quote(s)})`);
}

/** An instant (submittedAt, paidAt) as ISO text in UTC; without an offset it is China time. */
export const instant = z
  .unknown()
  .transform((v, ctx): string | undefined => {
    const t = checkedInstant(v, ctx);
    if (!t) return undefined;
    bounded(ctx, t.text, t.at);
    return t.at.toISOString();
  })
  .optional();

/** The incident's calendar day as written ("2026-05-25", also from "2026-05-25T22:00+08:00"). */
export const day = z
  .unknown()
  .transform((v, ctx): string | undefined => {
    const t = checkedInstant(v, ctx);
    if (!t) return undefined;
    const d = t.text.slice(0, 10);
    bounded(ctx, t.text, dayStart(d));
    return d;
  })
  .optional();

/** "4,000.00", "¥4000", "4000元", 4000.1 → minor units, exactly; anything else dropped. */
export const amountMinor = z
  .unknown()
  .transform((v, ctx): bigint | undefined => {
    let s: string;
    if (isLosslessNumber(v)) s = v.value;
    else if (typeof v === "number" && Number.isFinite(v)) s = String(v);
    else if (typeof v === "string") s = v.normalize("NFKC").replace(/[,\s]|¥|￥|元|rmb|cny/gi, "");
    else return undefined;
    if (!/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(s)) return undefined;
    const minor = decimalToMinor(s);
    if (minor === null || minor <= 0n) return undefined;
    if (minor > MAX_STORABLE_MINOR) return refuse(ctx, `amount too large to store (${quote(s)})`);
    return minor;
  })
  .optional();

/** ISO 4217 only; missing means the importer's default (CNY). */
export const currency = z
  .unknown()
  .transform((v, ctx): string | undefined => {
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const code = toHalfWidth(v).trim().toUpperCase();
    if (!isCurrencyCode(code)) return refuse(ctx, `not an ISO 4217 currency code (${quote(v)})`);
    return code;
  })
  .optional();

/** Arrays whose malformed elements are dropped; a hard problem in one still refuses the line. */
export const lenientArray = <T>(item: z.ZodType<T>) =>
  z
    .preprocess((v) => (Array.isArray(v) ? v : []), z.array(z.unknown()))
    .transform((items, ctx) => {
      const out: Exclude<T, undefined>[] = [];
      items.forEach((it, i) => {
        // A number is never a list element the format allows (zod would take its box for an object).
        if (isLosslessNumber(it)) return;
        const r = item.safeParse(it);
        if (r.success) {
          if (r.data !== undefined) out.push(r.data as Exclude<T, undefined>);
          return;
        }
        for (const issue of r.error.issues.filter(isHardIssue))
          ctx.addIssue({ code: "custom", message: issue.message, path: [i, ...issue.path], params: { kind: HARD } });
      });
      return out;
    });

/** An object field that is dropped when it is not an object (a soft problem). */
export const optionalObject = <T extends z.ZodType>(shape: T) =>
  z.preprocess((v) => (isPlainObject(v) ? v : undefined), shape.optional());

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isLosslessNumber(v);
}
