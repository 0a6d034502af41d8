import type { CanonicalIdentifier, MetaValue } from "./types";
import { luhnValid } from "./banks";
import { normaliseBankAccount } from "./bank-account";
import { parsePhone, phoneIdentifier } from "./phone";
import { digitsOf, fold, isJunk, unwrap } from "./text";
import { looksLikeUrl, normaliseUrl } from "./url";

/**
 * Type inference: victims pick the wrong field (a caller's number under
 * "WeChat id", a bank card as "Alipay account", a link under "Other"). When
 * the value's shape says unambiguously what it is, the identifier is stored as
 * that, so it links with the same number typed in the right field; the kind
 * the victim chose stays on the occurrence as meta.enteredAs (ADR 0006).
 *
 * "Unambiguous" is judged against what the chosen field legitimately holds: a
 * QQ number is 5-11 plain digits, so "12345678" typed as QQ stays QQ, and only
 * an 11-digit mobile, a 400/800 number grouped as such, or a number with a
 * country code or trunk 0 (which no QQ number has) is read as a phone.
 */

/** Occurrence-only meta: what one report said, never a fact about the identifier. */
export const ENTERED_AS = "enteredAs";

// Digits and the punctuation of phone numbers, with an optional extension ("12345转1234").
const PHONE_CHARS = /^[+\d\s\-().]+(?:(?:ext\.?|extension|x|转|分机|#|[,;])\s*\d{1,6})?$/i;
const SCHEME = /^(?:tel|callto)\s*:\s*/i;
// "400-820-8820", "400 820 8820": how these numbers are printed. A bare
// "4008208820" typed as QQ is a 10-digit QQ number as far as anyone can tell.
const GROUPED_400 = /^(?:\+?86[\s-]*)?[48]00[\s-]+\d{3}[\s-]*\d{4}$/;

function phoneText(raw: unknown): string | null {
  const s = unwrap(fold(raw)).replace(SCHEME, "");
  return isJunk(s) || !PHONE_CHARS.test(s) ? null : s;
}

/**
 * "400-820-8820" typed as QQ: the QQ normaliser would take its ten digits for
 * a QQ number, so this one shape is read before it.
 */
export function groupedServiceLine(raw: unknown): CanonicalIdentifier | null {
  if (typeof raw === "string" && !/[48]00/.test(raw)) return null; // the common case, cheaply
  const s = phoneText(raw);
  const p = s === null || !GROUPED_400.test(s) ? null : parsePhone(s);
  return p && (p.type === "shared_cost" || p.type === "toll_free") ? phoneIdentifier(p) : null;
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * An account id that is a phone number: a WeChat id the normaliser found to
 * be a mobile or a foreign number (meta.phone), a QQ number shaped like an
 * 11-digit mobile. A QQ number read as a phone keeps meta.qq, so it still
 * bridges to "138…@qq.com" and to QQ identifiers stored before this rule.
 */
export function accountAsPhone(id: CanonicalIdentifier): CanonicalIdentifier {
  const phone = id.meta.phone;
  if (id.kind === "wechat" && typeof phone === "string") {
    const { type = null, valid = null, country = null, extension = null } = id.meta;
    return { kind: "phone", value: phone, display: id.display, meta: { phone, type, valid, country, extension } };
  }
  if ((id.kind === "qq" || id.kind === "qq_group") && MOBILE.test(id.value)) {
    const p = parsePhone(id.value);
    if (!p) return id;
    const phone = phoneIdentifier(p);
    return id.kind === "qq" ? { ...phone, meta: { ...phone.meta, qq: id.value } } : phone;
  }
  return id;
}

/**
 * Any unambiguous phone number, for values the chosen kind's normaliser
 * refused: a mobile in any spelling, a foreign number written with + or 00,
 * a landline written with its area code ("021-2144 8001", "+86 21 2144
 * 8001"), any 400/800 number, a hotline with an extension ("12345转1234").
 * A plain hotline ("95588") or a bare digit string stays unread: it may be
 * anything.
 */
export function phoneFallback(raw: unknown): CanonicalIdentifier | null {
  const s = phoneText(raw);
  const p = s === null ? null : parsePhone(s);
  if (!p || s === null) return null;
  switch (p.type) {
    case "mobile":
    case "shared_cost":
    case "toll_free":
      return phoneIdentifier(p);
    case "international":
      return p.valid && /^(?:\+|00)/.test(s) ? phoneIdentifier(p) : null;
    case "landline":
      return /^\(?\s*(?:\+|0)/.test(s) ? phoneIdentifier(p) : null;
    case "service":
      return p.extension !== null ? phoneIdentifier(p) : null;
    default:
      return null;
  }
}

const CARD = /^\d{16,19}$/;

/**
 * A bank card: 16-19 digits (spaces or dashes between groups) passing the
 * Luhn check. Not Alipay's own 2088… user ids, nor 106… SMS ports, which can
 * pass Luhn by chance. Without the check a 15-19 digit order or user number
 * would be taken for an account.
 */
export function cardShaped(raw: unknown, name?: unknown, bank?: unknown): CanonicalIdentifier | null {
  const s = unwrap(fold(raw));
  if (!/^[\d\s-]+$/.test(s)) return null;
  const d = digitsOf(s);
  if (!CARD.test(d) || d.startsWith("2088") || d.startsWith("106") || !luhnValid(d)) return null;
  return normaliseBankAccount({ value: d, name, bank });
}

/** A link: "https://…", "www.…" or a dotted host with a letter TLD ("pay-refund.cn/x"). */
export function urlShaped(raw: unknown): CanonicalIdentifier | null {
  const s = unwrap(fold(raw));
  return looksLikeUrl(s) ? normaliseUrl(s) : null;
}

// Kinds that are one thing under two names: a partial account is still a bank account.
const SAME: Record<string, string> = { bank_account_partial: "bank_account" };

/**
 * Marks an identifier read as another kind than the field it was typed in.
 * Only known field kinds are recorded (the page has a label for them), and
 * only when they differ, so identifiers typed in the right field carry
 * exactly the meta they always had.
 */
export function markEnteredAs(
  id: CanonicalIdentifier | null,
  entered: string,
  fieldKinds: readonly string[],
): CanonicalIdentifier | null {
  if (!id || !fieldKinds.includes(entered) || (SAME[id.kind] ?? id.kind) === entered) return id;
  return { ...id, meta: { ...id.meta, [ENTERED_AS]: entered } };
}

/** The identifier's own meta, without what one report said about it (Identifier.meta). */
export function identityMeta(meta: Record<string, MetaValue>): Record<string, MetaValue> {
  if (!(ENTERED_AS in meta)) return meta;
  const { [ENTERED_AS]: _, ...rest } = meta;
  return rest;
}
