/**
 * Routing: which organisation can act on an identifier of a case, as a route
 * key (route-keys.ts) that organisations list in Organisation.routeKeys. Pure;
 * the service (routes.ts) gathers the hints from the case's reports and finds
 * the organisations. docs/liaison-routing.md is the reference.
 *
 * - bank accounts: the issuing bank by card BIN, else the bank the victims
 *   stated (the most often named one; a tie routes nowhere);
 * - Alipay → company:alipay; WeChat Pay, WeChat ids, QQ numbers and groups →
 *   company:tencent;
 * - gift-card accounts → the seller platform the victim named with the account,
 *   else the one gift-card platform of the reports naming it;
 * - mobile numbers → their operator by number segment (mobile-segments.ts);
 * - landlines, service numbers, URLs, domains, e-mails, merchants, anything
 *   else → null: staff name the organisation (an override).
 */
import { bankFromBin, bankFromName } from "@/lib/matching/banks";
import type { IdentifierKind } from "@/lib/vocab/choices";
import type { OrgKind } from "@/lib/users/schemas";
import { mobileSegment } from "./mobile-segments";
import { bankKey, companyKey, platformRouteKey, telecomKey } from "./route-keys";

/** Why a target was chosen. */
export const ROUTE_BASES = ["bin", "stated-bank", "segment", "segment-resale", "company", "seller"] as const;
export type RouteBasis = (typeof ROUTE_BASES)[number];

export interface RouteTarget {
  /** e.g. "bank:ICBC", "telecom:china_mobile", "company:alipay", "platform:jd.com". */
  key: string;
  orgKind: OrgKind;
  basis: RouteBasis;
}

export interface RoutableIdentifier {
  kind: IdentifierKind;
  value: string;
  display: string;
  /** Identifier.meta (for gift cards, the platform named with the account). */
  meta: unknown;
}

export interface RouteHints {
  /** Banks named with the account (Payment.payeeBank as typed, or bank codes). */
  statedBanks: string[];
  /** Platforms of the reports naming the identifier: Platform.key, name and the report's role for it. */
  platforms: { key: string; name: string; role: string }[];
}

type Meta = Record<string, unknown>;
const metaOf = (meta: unknown): Meta =>
  meta && typeof meta === "object" && !Array.isArray(meta) ? (meta as Meta) : {};
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

export function routeTarget(identifier: RoutableIdentifier, hints: RouteHints): RouteTarget | null {
  const meta = metaOf(identifier.meta);
  switch (identifier.kind) {
    case "bank_account":
      return bankTarget(identifier.value, meta, hints);
    case "bank_account_partial":
      // Digits shown before the mask ("6222****8988") may still be a BIN.
      return bankTarget(str(meta.prefix) ?? "", meta, hints);
    case "alipay":
      return { key: companyKey("alipay"), orgKind: "payment", basis: "company" };
    case "wechat_pay":
      return { key: companyKey("tencent"), orgKind: "payment", basis: "company" };
    case "wechat":
    case "qq":
    case "qq_group":
      return { key: companyKey("tencent"), orgKind: "internet", basis: "company" };
    case "gift_card":
      return giftCardTarget(meta, hints);
    case "phone":
      return phoneTarget(identifier.value);
    default:
      return null;
  }
}

function bankTarget(digits: string, meta: Meta, hints: RouteHints): RouteTarget | null {
  const byBin = /^\d{4,}$/.test(digits) ? bankFromBin(digits) : null;
  if (byBin) return { key: bankKey(byBin.code), orgKind: "bank", basis: "bin" };
  // An older row may carry a BIN bank this table no longer knows: the stored fact still counts.
  if (meta.bankSource === "bin" && str(meta.bank))
    return { key: bankKey(meta.bank as string), orgKind: "bank", basis: "bin" };
  const stated = [str(meta.statedBank), ...hints.statedBanks].flatMap((s) => {
    const bank = s === null ? null : bankFromName(s);
    return bank ? [bank.code] : [];
  });
  const code = mostNamed(stated);
  return code ? { key: bankKey(code), orgKind: "bank", basis: "stated-bank" } : null;
}

/** The value named most often; null for none or a tie (two banks named equally often route nowhere). */
function mostNamed(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (!ranked.length || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return ranked[0]![0];
}

function giftCardTarget(meta: Meta, hints: RouteHints): RouteTarget | null {
  const named = str(meta.platform);
  if (named) return { key: platformRouteKey(named), orgKind: "platform", basis: "seller" };
  const sellers = [...new Set(hints.platforms.filter((p) => p.role === "gift_card").map((p) => p.key))];
  return sellers.length === 1 ? { key: platformRouteKey(sellers[0]!), orgKind: "platform", basis: "seller" } : null;
}

function phoneTarget(value: string): RouteTarget | null {
  const segment = mobileSegment(value);
  if (!segment) return null;
  return {
    key: telecomKey(segment.operator),
    orgKind: "telecom",
    basis: segment.resale ? "segment-resale" : "segment",
  };
}
