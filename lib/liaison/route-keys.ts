/**
 * Route keys: what routing (routing.ts) says an identifier needs, and what an
 * organisation lists in Organisation.routeKeys to receive it. Pure and
 * client-safe (the admin form offers the known keys and checks typed ones).
 *
 *   bank:<code>          a bank of lib/matching/banks.ts, e.g. bank:ICBC
 *   telecom:<operator>   telecom:china_mobile, …_unicom, …_telecom, …_broadnet
 *   company:<name>       company:alipay, company:tencent
 *   platform:<key>       a shop or seller by its Platform.key, e.g. platform:jd.com
 *
 * docs/liaison-routing.md lists them and explains each.
 */
import { BANKS } from "@/lib/matching/banks";
import { platformKey } from "@/lib/reports/platforms";
import { MOBILE_OPERATORS, type MobileOperator } from "./mobile-segments";

export const ROUTE_KEY_GROUPS = ["bank", "telecom", "company", "platform"] as const;
export type RouteKeyGroup = (typeof ROUTE_KEY_GROUPS)[number];

export const ROUTE_COMPANIES = ["alipay", "tencent"] as const;
export type RouteCompany = (typeof ROUTE_COMPANIES)[number];

export const bankKey = (code: string) => `bank:${code}`;
export const telecomKey = (operator: MobileOperator) => `telecom:${operator}`;
export const companyKey = (company: RouteCompany) => `company:${company}`;
export const platformRouteKey = (platformName: string) => `platform:${platformKey(platformName)}`;

/** Banks carry their names in both languages (the bank table); operators and companies are named by the messages. */
export type KnownRouteKey =
  | { key: string; group: "bank"; id: string; names: { en: string; "zh-CN": string } }
  | { key: string; group: "telecom"; id: MobileOperator }
  | { key: string; group: "company"; id: RouteCompany };

/** The Chinese name of a bank: its longest alias in Chinese characters ("中国工商银行"). */
function chineseName(aliases: readonly string[], fallback: string): string {
  const cjk = aliases.filter((a) => /\p{Script=Han}/u.test(a));
  return cjk.reduce((best, a) => (a.length > best.length ? a : best), "") || fallback;
}

/** Every key routing can produce, except platform keys (one per shop: typed by the admin or the linked platform). */
export const KNOWN_ROUTE_KEYS: readonly KnownRouteKey[] = [
  ...BANKS.map((b) => ({
    key: bankKey(b.code),
    group: "bank" as const,
    id: b.code,
    names: { en: b.name, "zh-CN": chineseName(b.aliases, b.name) },
  })),
  ...MOBILE_OPERATORS.map((o) => ({ key: telecomKey(o), group: "telecom" as const, id: o })),
  ...ROUTE_COMPANIES.map((c) => ({ key: companyKey(c), group: "company" as const, id: c })),
];

export const MAX_ROUTE_KEYS = 50;
const MAX_PLATFORM_KEY = 100;

/**
 * A typed route key in its stored form, or null when it is none: the group
 * lower-cased; bank codes upper-case; operators and companies lower-case
 * letters, digits and "_"; platform keys as Platform.key spells them
 * (lib/reports/platforms.ts), without commas or line breaks.
 */
export function parseRouteKey(raw: string): string | null {
  const m = /^\s*([a-z]+)\s*[:：]\s*(.+?)\s*$/i.exec(raw);
  if (!m) return null;
  const group = m[1]!.toLowerCase();
  const rest = m[2]!;
  switch (group) {
    case "bank": {
      const code = rest.toUpperCase();
      return /^[A-Z][A-Z0-9_]{1,15}$/.test(code) ? bankKey(code) : null;
    }
    case "telecom":
    case "company": {
      const id = rest.toLowerCase();
      return /^[a-z][a-z0-9_]{1,31}$/.test(id) ? `${group}:${id}` : null;
    }
    case "platform": {
      const key = platformKey(rest);
      if (key === "" || key.length > MAX_PLATFORM_KEY || /[,;\p{Cc}\p{Cf}]/u.test(key)) return null;
      return `platform:${key}`;
    }
    default:
      return null;
  }
}

/**
 * Route keys typed one per line (or separated by commas): each parsed, duplicates
 * dropped. `invalid` holds what was not a key, as typed, for the form to show.
 */
export function parseRouteKeyList(text: string): { keys: string[]; invalid: string[] } {
  const keys: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\n\r,，;；]+/)) {
    if (part.trim() === "") continue;
    const key = parseRouteKey(part);
    if (key === null) invalid.push(part.trim());
    else if (!keys.includes(key)) keys.push(key);
  }
  return { keys, invalid };
}

const BY_KEY = new Map(KNOWN_ROUTE_KEYS.map((k) => [k.key, k]));

/**
 * A known key, to name it on screen: banks by their names in both languages,
 * operators and companies by the messages routing.operators / routing.companies.
 * Null for platform keys and other typed keys, shown as they are.
 */
export const knownRouteKey = (key: string): KnownRouteKey | null => BY_KEY.get(key) ?? null;
export const isKnownRouteKey = (key: string) => BY_KEY.has(key);
