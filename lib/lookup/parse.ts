/**
 * What a visitor typed into the risk lookup → the identifiers it may be, read
 * with the matcher's own normalisers (lib/matching), so any spelling that
 * matching stores as one Identifier row finds that row. Pure: no Next or
 * Prisma imports.
 *
 * Free text has no field kind, so several readings are tried, in this order:
 *   1. sniff()            what the matcher makes of a value of kind "other":
 *                         e-mail, labelled value ("QQ: 123", "微信：abc"), URL,
 *                         phone number, bank card, handle;
 *   2. digits only        (spaces, dashes, brackets, "+" allowed): also a phone
 *                         number however short ("110"), a QQ number, a WeChat
 *                         id, an Alipay account and, from 12 digits when it is
 *                         no valid phone number, a bank account - the fields victims
 *                         type numbers into;
 *   3. one word           (a handle, an e-mail, a domain): also a WeChat id and
 *                         an Alipay account, and a URL when it has a dot.
 * A mobile typed into any of those fields is stored as the phone (infer.ts
 * accountAsPhone), so those readings collapse into one. Partial accounts
 * ("尾号8988") are dropped: four digits name thousands of accounts. The phone
 * normaliser is never run on text that is not number-shaped, because it would
 * pull the digits out of "wxid_abc123" and look up the number 123.
 */
import {
  normaliseContactValues,
  normalisePayeeValues,
  sniff,
  fold,
  type CanonicalIdentifier,
  type IdentifierKind,
} from "@/lib/matching";

/** Longer input is not an identifier; refusing it keeps the normalisers' work bounded. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many readings are looked up. */
export const MAX_READINGS = 8;

export interface Reading {
  kind: IdentifierKind;
  value: string;
  /** The canonical identifier (for the warning-list check, which also reads meta.phone). */
  id: CanonicalIdentifier;
}

const NUMBER_SHAPED = /^[+\d\s\-().]+$/;
const ONE_WORD = /^\S+$/;

export function readingsOf(raw: string): Reading[] {
  const s = fold(raw).trim();
  if (s === "" || s.length > MAX_QUERY_LENGTH) return [];
  const found: (CanonicalIdentifier | null)[] = [sniff(s)];
  if (NUMBER_SHAPED.test(s)) {
    // sniff() wants 5 digits; "110" is still a (service) phone number.
    found.push(...normaliseContactValues("phone", s));
    const digits = s.replace(/\D/g, "").length;
    if (digits < 5) return unique(found);
    found.push(...normaliseContactValues("qq", s), ...normaliseContactValues("wechat", s));
    found.push(...normalisePayeeValues({ kind: "alipay", value: s }));
    // A valid phone number is not also looked up as a bank account (a 17-digit card
    // failing the Luhn check is sniffed as an "unknown" phone: that one still is).
    if (digits >= 12 && !found.some((id) => id?.kind === "phone" && id.meta.valid === true))
      found.push(...normalisePayeeValues({ kind: "bank_account", value: s }));
  } else if (ONE_WORD.test(s)) {
    found.push(...normaliseContactValues("wechat", s), ...normalisePayeeValues({ kind: "alipay", value: s }));
    if (s.includes(".")) found.push(...normaliseContactValues("url", s));
  }
  return unique(found);
}

function unique(ids: (CanonicalIdentifier | null)[]): Reading[] {
  const seen = new Map<string, Reading>();
  for (const id of ids) {
    if (!id || id.kind === "bank_account_partial" || id.meta.linkable === false) continue;
    const key = `${id.kind}\u0000${id.value}`;
    if (!seen.has(key)) seen.set(key, { kind: id.kind, value: id.value, id });
  }
  return [...seen.values()].slice(0, MAX_READINGS);
}

/** One key for "the same thing typed": the sorted readings (tests, and cache keys if ever wanted). */
export function readingKey(readings: readonly Reading[]): string {
  return readings
    .map((r) => `${r.kind}:${r.value}`)
    .sort()
    .join("|");
}
