import type { CanonicalIdentifier } from "./types";
import { bankFromBin, bankFromName, luhnValid } from "./banks";
import { CJK, digitsOf, fold, groupDigits, isJunk } from "./text";

/**
 * Bank accounts. A full account is keyed by its digits. What victims see on an
 * SMS is often only the last four digits plus the holder's name; such a
 * partial is keyed "last4|HOLDER" and can only link through a full account
 * with the same last four and holder (see bridges.ts), never by itself.
 */

// Masks and phrases that mark a partial account: ****8988, xxxx8988, 尾号8988,
// "ending in 8988", 卡号后四位8988, "last 4: 8988".
const MASK = /[*＊×●•…]|[xX]{3,}|\.{3,}/;
const PARTIAL_WORDS =
  /(?:ending|ends?\s+(?:in|with)|last\s*(?:4|four)|tail|尾号|尾数|末尾|末四位|末4位|后四位|后4位|最后四位|最后4位)/i;

/** Full accounts are at least this long; shorter digit strings are fragments. */
const MIN_FULL = 10;
const MAX_FULL = 30;

/**
 * Holder names compare case-, width-, space- and tone-mark-insensitively:
 * "Xiao Momin", "XIAO  MOMIN", "xiaomomin", "xiao·momin", "Xiāo Mǐmín" and
 * "ＸＩＡＯ　ＭＯＭＩＮ" share a key. CJK stays as is, and pinyin is never
 * equated with characters ("萧某敏" ≠ "XIAO MOMIN"): one reading has many
 * spellings and many names share one. Masked names keep their asterisks, so
 * "王*" and "王**" are two keys (how many characters were hidden is a fact).
 */
export function holderKey(raw: unknown): string | null {
  const s = fold(raw);
  if (isJunk(s)) return null;
  const key = stripToneMarks(s)
    .toUpperCase()
    .replace(/[＊×●•]/g, "*")
    .replace(/[\s·・‧.,'’"\-_()（）]+/g, "");
  // A placeholder may only show once folded ("N/À" → "NA", "·】" → "]").
  if (key === "" || /^\*+$/.test(key) || isJunk(key)) return null;
  return key;
}

// Latin letters with diacritics (pinyin tones: ā á ǎ à, ǖ…); checked first, most names have none.
// Also a bare combining mark: "i\u0307" has no precomposed form, so NFKC leaves it apart.
const ACCENTED = /[\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F]/;

function stripToneMarks(s: string): string {
  if (!ACCENTED.test(s)) return s;
  return s
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC");
}

function holderDisplay(raw: unknown): string | null {
  const s = fold(raw).replace(/\s+/g, " ").trim();
  if (s === "" || holderKey(s) === null) return null;
  return CJK.test(s) ? s.replace(/\s+/g, "") : s.toUpperCase();
}

/** Longest digit run, allowing single spaces, dashes or dots between groups. */
function longestDigitRun(s: string): string {
  let best = "";
  for (const m of s.matchAll(/\d(?:[ \-.]?\d)*/g)) {
    const d = digitsOf(m[0]);
    if (d.length > best.length) best = d;
  }
  return best;
}

/**
 * The digits after the mask or the "ending in" words; with neither (a bare
 * "8988") the last digit group. Later groups may be amounts or dates typed in
 * the same field, so the marker wins over position.
 */
function visibleTail(s: string): string | null {
  const marker = MASK.exec(s) ?? PARTIAL_WORDS.exec(s);
  const groups = [...s.matchAll(/\d+/g)].map((m) => ({ digits: m[0], at: m.index }));
  if (marker) {
    const end = marker.index + marker[0].length;
    const after = groups.find((g) => g.at >= end && g.digits.length >= 4);
    if (after) return after.digits;
    const before = groups.filter((g) => g.at < marker.index && g.digits.length >= 4).at(-1);
    return before && !MASK.test(marker[0]) ? before.digits : null;
  }
  const last = groups.at(-1);
  return last && last.digits.length >= 4 ? last.digits : null;
}

export interface BankAccountInput {
  value: unknown;
  name?: unknown;
  bank?: unknown;
}

export function normaliseBankAccount(input: BankAccountInput): CanonicalIdentifier | null {
  const s = fold(input.value);
  if (isJunk(s)) return null;
  const holder = holderKey(input.name);
  const stated = bankFromName(input.bank);
  const run = longestDigitRun(s);

  if (run.length > MAX_FULL) return null; // not an account number; some pasted blob
  // A long digit run is the account even when the victim also wrote "尾号...".
  if (run.length >= MIN_FULL) {
    const binBank = bankFromBin(run);
    const bank = binBank ?? stated;
    return {
      kind: "bank_account",
      value: run,
      display: groupDigits(run),
      meta: {
        luhn: luhnValid(run),
        bank: bank?.code ?? null,
        bankName: bank?.name ?? null,
        bankSource: binBank ? "bin" : stated ? "stated" : null,
        statedBank: stated?.code ?? null,
        last4: run.slice(-4),
        holder,
        holderDisplay: holderDisplay(input.name),
      },
    };
  }
  return partialAccount(s, holder, input.name, stated?.code ?? null);
}

function partialAccount(
  s: string,
  holder: string | null,
  rawName: unknown,
  statedBank: string | null,
): CanonicalIdentifier | null {
  const tail = visibleTail(s);
  if (tail === null) return null;
  const last4 = tail.slice(-4);
  // Digits shown before the mask ("6222****8988") narrow which full accounts it can be.
  const mask = MASK.exec(s);
  const head = mask && mask.index > 0 ? digitsOf(s.slice(0, mask.index)) : "";
  const prefix = head.length >= 4 && head.length < MIN_FULL ? head : null;
  const name = holderDisplay(rawName);
  return {
    kind: "bank_account_partial",
    value: `${last4}|${holder ?? ""}`,
    display: `****${last4}${name ? ` ${name}` : ""}`,
    meta: {
      last4,
      holder,
      holderDisplay: name,
      prefix,
      statedBank,
      // Last four digits alone are shared by a thousandth of all accounts.
      linkable: holder !== null,
    },
  };
}
