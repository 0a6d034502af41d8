import type { CanonicalIdentifier, PayeeLike, ReportLike } from "./types";
import {
  normaliseAlipay,
  normaliseEmail,
  normaliseGiftCard,
  normaliseMerchant,
  normaliseQq,
  normaliseQqGroup,
  normaliseWechat,
  parseEmail,
} from "./accounts";
import { normaliseBankAccount } from "./bank-account";
import {
  accountAsPhone,
  cardShaped,
  groupedServiceLine,
  identityMeta,
  markEnteredAs,
  phoneFallback,
  urlShaped,
} from "./infer";
import { normalisePhone, parsePhone } from "./phone";
import { asText, digitsOf, fold, isJunk, splitList, unwrap } from "./text";
import { CONTACT_KINDS, PAYEE_KINDS } from "./types";
import { looksLikeUrl, normaliseUrl } from "./url";

/**
 * Entry points: one contact, one payee, one report. Never throw on garbage;
 * anything that does not yield an identifier is simply dropped (the raw value
 * stays on the report for investigators).
 */

type Normaliser = (raw: unknown) => CanonicalIdentifier | null;

const BY_CONTACT_KIND: Record<string, Normaliser> = {
  phone: normalisePhone,
  qq: normaliseQq,
  qq_group: normaliseQqGroup,
  wechat: (raw) => normaliseWechat(raw, "wechat"),
  url: (raw) => normaliseUrl(raw) ?? normaliseEmail(raw),
  email: normaliseEmail,
};

// An explicit label beats the kind the victim picked: "QQ: 12345" filed under phone is a QQ.
const LABELS: [RegExp, string][] = [
  [/^(?:qq)?\s*(?:群号|群)\s*[:：\d]/i, "qq_group"],
  [/^(?:qq|企鹅)\s*(?:号码?|号)?\s*(?:[:：]|\s)\s*\d/i, "qq"],
  [/^(?:微信号?|wechat|weixin|wx|vx)\s*(?:id|号)?\s*[:：]/i, "wechat"],
  [/^(?:https?:\/\/|www\.)/i, "url"],
];

function labelledKind(s: string): string | null {
  for (const [re, kind] of LABELS) if (re.test(s)) return kind;
  return null;
}

/** Normalises one contact value of the given kind; unknown kinds are sniffed. */
export function normaliseContact(kind: unknown, raw: unknown): CanonicalIdentifier | null {
  return normaliseContactValues(kind, raw)[0] ?? null;
}

/**
 * Like normaliseContact but a field listing several values ("138... / 139...")
 * yields one identifier each - only when every part parses, so separators
 * inside one value ("021/2144 8001") do not split it.
 */
export function normaliseContactValues(kind: unknown, raw: unknown): CanonicalIdentifier[] {
  const s = fold(raw);
  if (isJunk(s)) return [];
  const k = typeof kind === "string" ? kind.trim().toLowerCase() : "other";
  if (k !== "url") {
    const parts = splitList(s);
    // Numbers need enough digits per part: "0755/8888 8888" is one number.
    const numeric = k === "phone" || k === "qq" || k === "qq_group";
    if (parts.length > 1 && (!numeric || parts.every((p) => digitsOf(p).length >= 5))) {
      const ids = parts.map((p) => one(k, p));
      if (ids.every((id) => id !== null)) return ids as CanonicalIdentifier[];
    }
  }
  const id = one(k, s);
  return id ? [id] : [];
}

function one(kind: string, s: string): CanonicalIdentifier | null {
  const labelled = labelledKind(s);
  const id = (labelled && labelled !== kind ? readAs(labelled, s) : null) ?? readAs(kind, s);
  return markEnteredAs(id, kind, CONTACT_KINDS);
}

// Read before a field's own normaliser, which would accept them as something
// else: "400-820-8820" as QQ 4008208820, "a@163.com" as the "phone" 163, a
// bank card as a 16-digit "phone".
// Cheap tests first: every phone contact passes here.
const BEFORE: Record<string, (s: string) => CanonicalIdentifier | null> = {
  qq: groupedServiceLine,
  qq_group: groupedServiceLine,
  phone: (s) =>
    s.includes("@")
      ? normaliseEmail(s)
      : /\.[a-z]/i.test(s)
        ? urlShaped(s)
        : s.length >= 16 && digitsOf(s).length >= 16
          ? cardShaped(s)
          : null,
};

/** What the field's normaliser refused may still plainly be something else (infer.ts). */
const otherShape: Normaliser = (raw) =>
  (parseEmail(raw) ? normaliseEmail(raw) : null) ?? urlShaped(raw) ?? phoneFallback(raw) ?? cardShaped(raw);

/**
 * A contact value read for a field kind: the shapes that field's normaliser
 * would misread, then the normaliser (an account that is a phone number is
 * stored as the phone), then any unambiguous shape. "other" and unknown kinds
 * are sniffed.
 */
function readAs(kind: string, s: string): CanonicalIdentifier | null {
  const normaliser = BY_CONTACT_KIND[kind];
  if (!normaliser) return sniff(s);
  const id = BEFORE[kind]?.(s) ?? normaliser(s);
  return id ? accountAsPhone(id) : otherShape(s);
}

/**
 * Values of kind "other" (or an unknown kind): recognise e-mails, URLs and
 * phone numbers; otherwise keep only handle-like tokens ("Telegram: @boss88").
 * Free text ("a woman from customer service") would link unrelated reports.
 */
export function sniff(raw: unknown): CanonicalIdentifier | null {
  const s = unwrap(fold(raw));
  if (isJunk(s)) return null;
  if (parseEmail(s)) return normaliseEmail(s);
  const labelled = labelledKind(s);
  if (labelled) {
    const id = readAs(labelled, s);
    if (id) return id;
  }
  if (looksLikeUrl(s)) return normaliseUrl(s);
  // Whatever label the victim wrote ("手机：", "Telegram:"), judge what follows it.
  const body = /^[\p{L}\s]{1,24}?\s*[:：]\s*(.+)$/u.exec(s)?.[1] ?? s;
  if (body !== s && parseEmail(body)) return normaliseEmail(body);
  // A bank card is no phone number; other digit strings are read as one, as they always were.
  if (/^[+\d\s\-().]+$/.test(body) && digitsOf(body).length >= 5) return cardShaped(body) ?? normalisePhone(body);
  const phone = phoneFallback(body); // "12345转1234"
  if (phone) return phone;
  const token = /^\S+$/.test(body) ? body.toLowerCase() : null;
  if (!token || !/^@?[a-z0-9][a-z0-9._\-+]{3,63}$/.test(token)) return null;
  if (!/\d|_|^@/.test(token)) return null; // plain words are not handles
  const bare = token.replace(/^@/, "");
  // "@12345" stored as "12345" would read back as a number, not as this handle.
  if (/^[\d+\-.]+$/.test(bare)) return null;
  // "@axii" keeps its "@": stored as "axii" it would read back as a plain word, not as a handle.
  const value = /\d|_/.test(bare) ? bare : token;
  return { kind: "other", value, display: token, meta: {} };
}

/** Normalises one payee; partial bank accounts come back with meta.linkable. */
export function normalisePayee(payee: PayeeLike | null | undefined): CanonicalIdentifier | null {
  return normalisePayeeValues(payee)[0] ?? null;
}

export function normalisePayeeValues(payee: PayeeLike | null | undefined): CanonicalIdentifier[] {
  if (!payee || typeof payee !== "object") return [];
  const kind = typeof payee.kind === "string" ? payee.kind.trim().toLowerCase() : "other";
  const value = asText(payee.value);
  const name = asText(payee.name);
  const bank = asText(payee.bank);
  // A card or a link typed as an Alipay or WeChat Pay account (infer.ts); gift
  // cards keep their numbers, which are card-shaped by design.
  const single = (v: string): CanonicalIdentifier | null => {
    switch (kind) {
      case "bank_account":
        return normaliseBankAccount({ value: v, name, bank }) ?? urlShaped(v);
      case "alipay":
        return normaliseAlipay(v) ?? cardShaped(v, name, bank) ?? urlShaped(v);
      case "wechat_pay":
        return normaliseWechat(v, "wechat_pay") ?? cardShaped(v, name, bank) ?? urlShaped(v);
      case "gift_card":
        return normaliseGiftCard(v, bank || name) ?? urlShaped(v);
      case "merchant":
        return normaliseMerchant(isJunk(fold(v)) ? name : v);
      default:
        return sniffPayee(v, name, bank);
    }
  };
  const read = (v: string) => markEnteredAs(single(v), kind, PAYEE_KINDS);
  if (kind !== "merchant") {
    const parts = splitList(fold(value));
    // Only whole accounts split: in "尾号8988，转了2000元" the second part is an amount.
    if (parts.length > 1 && parts.every((p) => digitsOf(p).length >= 10 || p.includes("@"))) {
      const ids = parts.map(read);
      if (ids.every((id) => id !== null)) return ids as CanonicalIdentifier[];
    }
  }
  const id = read(value);
  return id ? [id] : [];
}

/** "other" payees: a long digit string is an account; otherwise as for contacts. */
function sniffPayee(value: string, name: string, bank: string): CanonicalIdentifier | null {
  const s = fold(value);
  if (/^[\d\s-]+$/.test(s) && digitsOf(s).length >= 12) return normaliseBankAccount({ value: s, name, bank });
  return sniff(s);
}

export interface ExtractOptions {
  /** Also return identifiers that can never link (a partial account without holder name). */
  keepUnlinkable?: boolean;
}

/**
 * All identifiers of a report, unique by kind + value, in the order typed.
 *
 * The victim's own phone number never links, whatever kind it was typed
 * under: victims often repeat their own number in the contact list, and
 * linking on it would merge a victim's unrelated reports (or, for a number
 * reported as "victim" by one source and "caller" by another, two victims).
 */
export function extractIdentifiers(
  report: ReportLike | null | undefined,
  options: ExtractOptions = {},
): CanonicalIdentifier[] {
  if (!report || typeof report !== "object") return [];
  const victimPhone =
    report.victim && typeof report.victim === "object" ? (parsePhone(report.victim.phone)?.e164 ?? null) : null;
  const found: CanonicalIdentifier[] = [];
  for (const c of Array.isArray(report.contacts) ? report.contacts : []) {
    if (c && typeof c === "object") found.push(...normaliseContactValues(c.kind, c.value));
  }
  for (const p of Array.isArray(report.payments) ? report.payments : []) {
    if (p && typeof p === "object") found.push(...normalisePayeeValues(p.payee));
  }
  const byKey = new Map<string, CanonicalIdentifier>();
  for (const id of found) {
    if (!options.keepUnlinkable && id.meta.linkable === false) continue;
    if (victimPhone !== null && (id.meta.phone === victimPhone || (id.kind === "phone" && id.value === victimPhone)))
      continue;
    const key = `${id.kind}\u0000${id.value}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, id);
      continue;
    }
    let meta = seen.meta;
    // Also typed in the right field: the report did not mistake it.
    if (meta.enteredAs !== undefined && id.meta.enteredAs === undefined) meta = identityMeta(meta);
    // The same account paid twice, once with the holder's name: keep the name for bridging.
    if (meta.holder == null && id.meta.holder != null)
      meta = { ...meta, holder: id.meta.holder, holderDisplay: id.meta.holderDisplay ?? null };
    // The same mobile also typed as QQ: keep its QQ alias (infer.ts accountAsPhone).
    if (meta.qq == null && id.meta.qq != null) meta = { ...meta, qq: id.meta.qq };
    if (meta !== seen.meta) byKey.set(key, { ...seen, meta });
  }
  return [...byKey.values()];
}
