import type { CanonicalIdentifier } from "./types";
import { parseAccountPhone } from "./phone";
import { CJK, digitsOf, fold, isJunk, unwrap } from "./text";

/**
 * Account-like identifiers: QQ, QQ groups, WeChat ids, e-mail, Alipay, WeChat
 * Pay, gift-card accounts, merchants. Labels victims type in front of the
 * value ("QQ:", "微信号", "vx") are removed; what remains must look like the
 * identifier, otherwise there is no identifier (a nickname links nothing).
 */

const QQ_NUMBER = /^[1-9]\d{4,11}$/;

function stripLabel(s: string, label: RegExp): string {
  return s.replace(label, "").trim();
}

const QQ_LABEL = /^(?:qq|ｑｑ|企鹅|扣扣)\s*(?:号码|号|number|no\.?|id|账号)?\s*[:：=#-]?\s*/i;
const QQ_GROUP_LABEL =
  /^(?:qq)?\s*(?:群号码|群号|群聊|群|group|grp|qun)\s*(?:号码|号|number|no\.?|id)?\s*[:：=#-]?\s*/i;

export function normaliseQq(raw: unknown): CanonicalIdentifier | null {
  const s = unwrap(fold(raw));
  if (isJunk(s)) return null;
  const mail = /^(\d+)@(?:qq|vip\.qq|foxmail)\.com$/i.exec(stripLabel(s, QQ_LABEL));
  const body = mail?.[1] ?? stripLabel(s, QQ_LABEL);
  if (!/^[\d\s-]+$/.test(body)) return null;
  const n = digitsOf(body);
  if (!QQ_NUMBER.test(n)) return null;
  return { kind: "qq", value: n, display: n, meta: { qq: n } };
}

export function normaliseQqGroup(raw: unknown): CanonicalIdentifier | null {
  const s = unwrap(fold(raw));
  if (isJunk(s)) return null;
  const body = stripLabel(stripLabel(s, QQ_GROUP_LABEL), QQ_LABEL);
  if (!/^[\d\s-]+$/.test(body)) return null;
  const n = digitsOf(body);
  if (!QQ_NUMBER.test(n)) return null;
  return { kind: "qq_group", value: n, display: n, meta: {} };
}

const EMAIL = /^[a-z0-9._%+\-!#$&'*/=?^`{|}~]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Lower-cased whole address. Gmail's ignored dots and "+tags" are not folded:
 * the key must stay the address a provider will recognise in a data request,
 * and scam mail here is overwhelmingly qq.com / 163.com where dots count.
 */
export function parseEmail(raw: unknown): string | null {
  let s = unwrap(fold(raw)).replace(/^(?:mailto|e-?mail|邮箱|电子邮件|邮件)\s*[:：]?\s*/i, "");
  s = s
    .replace(/\s*(?:\(at\)|\[at\]|\{at\})\s*/gi, "@")
    .replace(/\s*([@.])\s*/g, "$1")
    .toLowerCase();
  s = s.replace(/\.+$/, "");
  return EMAIL.test(s) ? s : null;
}

export function normaliseEmail(raw: unknown): CanonicalIdentifier | null {
  const e = parseEmail(raw);
  if (!e) return null;
  return { kind: "email", value: e, display: e, meta: emailMeta(e) };
}

function emailMeta(e: string): Record<string, string | null> {
  const qq = /^(\d+)@(?:qq|vip\.qq|foxmail)\.com$/.exec(e)?.[1];
  return { email: e, qq: qq && QQ_NUMBER.test(qq) ? qq : null };
}

// "wx:", "微信号：", "VX ", "WeChat ID -". Glued forms ("微信abc123") only for
// unambiguous Chinese labels and before digits: "wxabc123" may be a real id.
// A dash glued to a Latin label is part of the id ("wx-king88", "v-0a1b2c"):
// ids may hold dashes, and the key read again must stay the same key.
const WECHAT_LABEL_SEP =
  /^(?:(?:微信号码?|微信号|微信|威信|薇信|v信)\s*(?:id|号)?\s*(?:[:：=#]\s*|-\s*|\s+)|(?:weixin|wechat|wx|vx|v)\s*(?:id|号)?\s*(?:[:：=#]\s*|\s+-?\s*))/i;
// A Latin label glued to a number ("vx13800001111"); not to an id that merely starts so ("vx0aa-").
const WECHAT_LABEL_GLUED = /^(?:微信号码?|微信号|微信|威信|薇信|v信)\s*|^(?:weixin|wechat|wx|vx)(?=\+?[\d\s-]+$)/i;
/** WeChat ids: 6-20 letters, digits, "_" or "-", starting with a letter. */
const WECHAT_ID = /^[a-z][a-z0-9_-]{5,19}$/;

export function normaliseWechat(raw: unknown, kind: "wechat" | "wechat_pay" = "wechat"): CanonicalIdentifier | null {
  let s = unwrap(fold(raw));
  if (isJunk(s)) return null;
  s = s.replace(WECHAT_LABEL_SEP, "").replace(WECHAT_LABEL_GLUED, "").trim();
  if (isJunk(s)) return null;
  const phone = parseAccountPhone(s);
  if (phone) {
    // A WeChat Pay account named by its number; meta.phone lets it bridge to the
    // same number. A contact typed as WeChat id is stored as the phone itself
    // (infer.ts accountAsPhone, from this meta: no second parse).
    const { e164, type, valid, country, extension } = phone;
    return { kind, value: e164, display: phone.display, meta: { phone: e164, type, valid, country, extension } };
  }
  const email = parseEmail(s);
  if (email) return { kind, value: email, display: email, meta: emailMeta(email) };
  if (/\s/.test(s)) return null; // ids have no spaces; "customer service" is a description
  const id = s.toLowerCase();
  if (WECHAT_ID.test(id)) return { kind, value: id, display: id, meta: {} };
  // A QQ number works as a WeChat login, so an all-digit "id" is kept.
  if (QQ_NUMBER.test(id)) return { kind, value: id, display: id, meta: { qq: id } };
  return null;
}

/** Alipay logins are a mobile number, an e-mail, or (rarely) a user id. */
export function normaliseAlipay(raw: unknown): CanonicalIdentifier | null {
  let s = unwrap(fold(raw));
  if (isJunk(s)) return null;
  s = s.replace(/^(?:支付宝账号|支付宝|alipay(?:\s*account)?|zfb)\s*[:：=#-]?\s*/i, "");
  if (/[*＊]/.test(s)) return null; // masked "138****5678" as shown on receipts
  const phone = parseAccountPhone(s);
  if (phone) return { kind: "alipay", value: phone.e164, display: phone.display, meta: { phone: phone.e164 } };
  const email = parseEmail(s);
  if (email) return { kind: "alipay", value: email, display: email, meta: emailMeta(email) };
  const id = s.replace(/\s+/g, "").toLowerCase();
  // 2088... is Alipay's numeric user id; other names are nicknames, not accounts.
  if (/^2088\d{12}$/.test(id)) return { kind: "alipay", value: id, display: id, meta: {} };
  if (/^[a-z0-9][a-z0-9._-]{4,39}$/.test(id) && /[a-z]/.test(id))
    return { kind: "alipay", value: id, display: id, meta: {} };
  return null;
}

/**
 * Gift cards: the account the cards were bought into (a phone or e-mail) or
 * the card number itself. Platform is meta, not key: the same account on two
 * platforms is the same person.
 */
export function normaliseGiftCard(raw: unknown, platform?: unknown): CanonicalIdentifier | null {
  const s = unwrap(fold(raw));
  if (isJunk(s)) return null;
  const p = fold(platform);
  const base = { platform: p === "" ? null : p };
  const phone = parseAccountPhone(s);
  if (phone)
    return { kind: "gift_card", value: phone.e164, display: phone.display, meta: { ...base, phone: phone.e164 } };
  const email = parseEmail(s);
  if (email) return { kind: "gift_card", value: email, display: email, meta: { ...base, ...emailMeta(email) } };
  if (/[*＊]/.test(s)) return null;
  const code = s.toUpperCase().replace(/[\s\-_.:]+/g, "");
  // ":13000000000" is the number once its separators go, as "13000000000" reads when stored.
  const bare = /^\+?\d+$/.test(code) && code !== s ? parseAccountPhone(code) : null;
  if (bare) return { kind: "gift_card", value: bare.e164, display: bare.display, meta: { ...base, phone: bare.e164 } };
  if (!/^[A-Z0-9]{6,40}$/.test(code)) return null;
  return { kind: "gift_card", value: code, display: code, meta: base };
}

// Legal-form words removed so "X Co., Ltd." and "X Company Limited" match.
const LEGAL_FORM =
  /(?:\b(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|group)\b\.?|股份有限公司|有限责任公司|有限公司|集团|公司)/gi;

export function merchantKey(raw: unknown): string | null {
  const s = fold(raw).toLowerCase();
  if (isJunk(s)) return null;
  const strip = (t: string) => t.replace(LEGAL_FORM, " ").replace(/[^\p{L}\p{N}]+/gu, "");
  // Until nothing changes: "集集团团" and "co_" must not leave a key that strips further when read again.
  let key = strip(s);
  for (let next = strip(key); next !== key; next = strip(key)) key = next;
  // A placeholder may only show once stripped ("N·A" → "na"), and would not read back as a key.
  return key.length >= 2 && !isJunk(key) ? key : null;
}

export function normaliseMerchant(raw: unknown): CanonicalIdentifier | null {
  const key = merchantKey(raw);
  if (!key) return null;
  return { kind: "merchant", value: key, display: fold(raw).replace(/\s+/g, " "), meta: { cjk: CJK.test(key) } };
}
