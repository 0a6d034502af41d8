/**
 * The central text sanitiser applied to every mutation's input before its
 * schema sees it (lib/vocab/text.ts has the policy). Pure: unit-tested on its
 * own, used by lib/actions/mutation.ts.
 */
import { cleanText } from "@/lib/vocab/text";

export interface TextOptions {
  /**
   * Field names (the last part of a path: "narrative" also covers
   * "payments.0.narrative") whose tab and line breaks are kept; elsewhere they
   * fold into a space. Default: every field may hold several lines.
   */
  multiline?: readonly string[] | "all";
  /** Fields passed on exactly as sent (passwords: hashed, never stored or shown). */
  verbatim?: readonly string[];
}

export interface CleanedInput {
  /** The input with every string cleaned; refused strings without their control characters. */
  value: unknown;
  /** Path ("payments.0.payeeName") → "controlChars" for each refused string. */
  problems: Record<string, string>;
}

export function cleanInput(input: unknown, opts: TextOptions = {}): CleanedInput {
  const problems: Record<string, string> = {};
  const multiline = opts.multiline ?? "all";
  const verbatim = new Set(opts.verbatim ?? []);
  const walk = (v: unknown, path: string[]): unknown => {
    if (typeof v === "string") {
      const field = path[path.length - 1] ?? "";
      if (path.length === 1 && verbatim.has(field)) return v;
      const kind = multiline === "all" || multiline.includes(field) ? "multiline" : "line";
      const r = cleanText(v, kind);
      if (!r.ok) problems[path.join(".")] = r.problem;
      return r.value;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    }
    return v;
  };
  return { value: walk(input, []), problems };
}
