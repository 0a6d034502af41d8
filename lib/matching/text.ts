/**
 * Text folding shared by every normaliser. Victims type on phones with Chinese
 * IMEs, so the same identifier arrives in full-width forms, with ideographic
 * punctuation, invisible characters and free-text labels around it.
 */

// Characters NFKC leaves alone but victims use as ASCII punctuation.
const EXTRA_FOLDS: Record<string, string> = {
  "\u3002": ".", // 。 ideographic full stop, typed for the dot in domains
  "\uFF61": ".", // ｡ halfwidth ideographic full stop
  "\u3001": ",", // 、
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u30FC": "-",
  "\u3010": "[",
  "\u3011": "]", // 【】
  "\u3014": "(",
  "\u3015": ")", // 〔〕
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
};

// Zero-width and bidi marks (embeddings, overrides and isolates) arrive from
// copy-paste out of chat apps.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * No identifier is longer than a long URL. Longer input is a pasted blob that
 * links nothing, and the normalisers' regular expressions must never see it:
 * several are quadratic in the length (seconds for 100 kB of digits).
 */
export const MAX_IDENTIFIER_INPUT = 2048;

/** NFKC plus the ideographic punctuation NFKC does not map; never throws. */
export function fold(raw: unknown): string {
  const text = asText(raw);
  if (text === "" || text.length > MAX_IDENTIFIER_INPUT) return "";
  // Marks go before NFKC: a zero-width space between a letter and its accent
  // would otherwise keep them from composing. Lone surrogate halves become
  // U+FFFD here, as they would on the way into the database.
  let s = text.toWellFormed().replace(INVISIBLE, "").normalize("NFKC").replace(CONTROL, " ");
  s = s.replace(
    /[\u3002\uFF61\u3001\u2010-\u2015\u2212\u30FC\u3010\u3011\u3014\u3015\u2018\u2019\u201C\u201D]/g,
    (c) => EXTRA_FOLDS[c] ?? c,
  );
  return s.trim();
}

/** Accepts the odd shapes that arrive from JSON (numbers typed as numbers). */
export function asText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) {
    // A phone typed as a JSON number must not become "1.3e+10"; beyond 2^53 the
    // digits were already lost in JSON.parse, and a wrong account must not link.
    if (!Number.isInteger(raw)) return String(raw);
    return Number.isSafeInteger(raw) ? BigInt(raw).toString() : "";
  }
  if (typeof raw === "bigint") return raw.toString();
  return "";
}

/** ASCII digits of an already folded string. */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, "");
}

// Placeholders victims type when they do not know; these must never link.
const JUNK = new Set([
  "",
  "unknown",
  "unkown",
  "unk",
  "none",
  "null",
  "nil",
  "na",
  "n/a",
  "no",
  "nope",
  "undefined",
  "idk",
  "notknown",
  "dontknow",
  "don'tknow",
  "forgot",
  "forgotten",
  "notsure",
  "unclear",
  "same",
  "sameasabove",
  "test",
  "xxx",
  "xxxx",
  "tbd",
  "other",
  "others",
  "?",
  "-",
  "--",
  "/",
  ".",
  "0",
  "无",
  "没有",
  "不知道",
  "不清楚",
  "不记得",
  "记不清",
  "忘了",
  "忘记了",
  "未知",
  "暂无",
  "空",
  "否",
  "同上",
  "见上",
  "略",
  "不详",
  "没记",
  "没注意",
  "无号码",
  "隐藏号码",
  "未显示",
  "不显示",
  "私人号码",
]);

/** True for empty values and "don't know" placeholders in either language. */
export function isJunk(s: string): boolean {
  const key = s.toLowerCase().replace(/[\s_.。,，!！?？~～'"“”()（）[\]【】<>《》]+/g, "");
  if (key === "" && s.trim() !== "") return true; // punctuation only
  return JUNK.has(key) || JUNK.has(s.trim().toLowerCase());
}

/** Removes quotes and brackets wrapped around a whole value. */
export function unwrap(s: string): string {
  let out = s.trim();
  for (let i = 0; i < 3; i++) {
    const m = /^["'`<([{]+\s*(.*?)\s*["'`>)\]}]+$/.exec(out);
    if (!m || m[1] === undefined || m[1] === "") break;
    out = m[1];
  }
  return out;
}

/**
 * Splits a field holding several values ("138... / 139...", "a、b"). Only
 * explicit list separators split, never spaces: spaces group digits.
 */
export function splitList(s: string): string[] {
  return s
    .split(/\s*(?:[,;，；、|/\n]|\s或\s?|\sor\s)\s*/i)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Groups a digit string for display: "6217 0000 1234 5678 988". */
export function groupDigits(d: string, size = 4): string {
  const parts: string[] = [];
  for (let i = 0; i < d.length; i += size) parts.push(d.slice(i, i + size));
  return parts.join(" ");
}

export const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;
