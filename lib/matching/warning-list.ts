import type { CanonicalIdentifier, IdentifierKind } from "./types";
import { merchantKey } from "./accounts";
import { parsePhone } from "./phone";

/**
 * The warning list: identifiers victims mention that are not the scammer's -
 * the hotlines scammers impersonate or tell victims to "verify" with, and
 * anything else an investigator marks "do not link". A listed identifier is
 * still stored and shown; it just never joins reports.
 */

export type WarningMatch = "exact" | "prefix";

export interface WarningListEntry {
  kind: IdentifierKind;
  match: WarningMatch;
  /** Canonical value as the normaliser produces it (e.g. "+8695311"). */
  value: string;
  label?: string;
}

// Numbers as victims would type them; converted to canonical values below so
// the seed cannot drift from what the normaliser produces.
const HOTLINES: [string, string][] = [
  ["110", "Police"],
  ["120", "Ambulance"],
  ["119", "Fire"],
  ["122", "Traffic police"],
  ["114", "Directory enquiries"],
  ["96110", "Anti-fraud warning line"],
  ["12381", "MIIT fraud-call warning"],
  ["12321", "Spam and fraud reporting"],
  ["12377", "Illegal content reporting"],
  ["12315", "Consumer complaints"],
  ["12345", "Government service line"],
  ["12306", "China Railway"],
  ["12110", "Police SMS"],
  ["10086", "China Mobile"],
  ["10010", "China Unicom"],
  ["10000", "China Telecom"],
  ["10099", "China Broadnet"],
  ["95311", "ZTO Express"],
  ["95338", "SF Express"],
  ["95543", "STO Express"],
  ["95554", "YTO Express"],
  ["95546", "Yunda Express"],
  ["95320", "Courier hotline (Best/ZTO)"],
  ["11183", "China Post EMS"],
  ["950616", "JD Logistics"],
  ["95353", "Deppon"],
  ["956025", "J&T Express"],
  ["11185", "China Post"],
  ["95188", "Alipay"],
  ["95017", "WeChat Pay / Tenpay"],
  ["95516", "China UnionPay"],
  ["95588", "ICBC"],
  ["95533", "CCB"],
  ["95599", "ABC"],
  ["95566", "BOC"],
  ["95559", "Bank of Communications"],
  ["95555", "China Merchants Bank"],
  ["95580", "PSBC"],
  ["95558", "CITIC Bank"],
  ["95595", "China Everbright Bank"],
  ["95568", "China Minsheng Bank"],
  ["95561", "Industrial Bank"],
  ["95528", "SPDB"],
  ["95511", "Ping An"],
  ["95577", "Hua Xia Bank"],
  ["95508", "China Guangfa Bank"],
  ["95526", "Bank of Beijing"],
  ["95519", "China Life"],
  ["95518", "PICC"],
  ["95500", "CPIC"],
  ["9510211", "Taobao / Tmall customer service"],
  ["95118", "JD.com"],
  ["950618", "JD.com customer service"],
  ["021-53395288", "Pinduoduo customer service"],
  ["95315", "Suning"],
  ["95152", "Douyin"],
  ["95166", "Kuaishou"],
  ["10107888", "Meituan"],
  ["10105757", "Ele.me"],
  ["95018", "Didi"],
  ["0755-83765566", "Tencent customer service"],
  ["95068", "WeBank"],
  ["95384", "WeBank"],
];

const PHONE_PREFIXES: [string, string][] = [
  ["400", "400 shared-cost business numbers"],
  ["800", "800 toll-free business numbers"],
];

// Official sites victims mention ("the scammer told me to check on icbc.com.cn").
const URLS: [string, string][] = [
  ["icbc.com.cn", "ICBC"],
  ["ccb.com", "CCB"],
  ["abchina.com", "ABC"],
  ["boc.cn", "BOC"],
  ["bankcomm.com", "BoCom"],
  ["cmbchina.com", "CMB"],
  ["psbc.com", "PSBC"],
  ["95516.com", "UnionPay"],
  ["unionpay.com", "UnionPay"],
  ["12321.cn", "Spam reporting"],
  ["cyberpolice.cn", "Cyber police"],
  ["sf-express.com", "SF Express"],
  ["zto.com", "ZTO"],
  ["yto.net.cn", "YTO"],
  ["sto.cn", "STO"],
  ["yundaex.com", "Yunda"],
  ["ems.com.cn", "EMS"],
  ["suning.com", "Suning"],
  ["vip.com", "Vipshop"],
  ["dangdang.com", "Dangdang"],
];

// Payment processors that appear as the merchant of card deductions for every lender.
const MERCHANTS: [string, string][] = [
  ["支付宝(中国)网络技术有限公司", "Alipay"],
  ["Alipay.com Co., Ltd.", "Alipay"],
  ["财付通支付科技有限公司", "Tenpay"],
  ["Tenpay Payment Technology Co., Ltd.", "Tenpay"],
  ["中国银联股份有限公司", "UnionPay"],
  ["China UnionPay Co., Ltd.", "UnionPay"],
  ["网银在线(北京)科技有限公司", "JD Pay"],
  ["快钱支付清算信息有限公司", "99Bill"],
  ["拉卡拉支付股份有限公司", "Lakala"],
  ["连连银通电子支付有限公司", "LianLian Pay"],
  ["易宝支付有限公司", "YeePay"],
  ["通联支付网络服务股份有限公司", "Allinpay"],
];

function phoneValue(raw: string): string {
  const p = parsePhone(raw);
  if (!p) throw new Error(`warning-list seed does not parse: ${raw}`);
  return p.e164;
}

export const SEED_WARNING_LIST: readonly WarningListEntry[] = [
  ...HOTLINES.map(([n, label]): WarningListEntry => ({ kind: "phone", match: "exact", value: phoneValue(n), label })),
  ...PHONE_PREFIXES.map(([p, label]): WarningListEntry => ({
    kind: "phone",
    match: "prefix",
    value: `+86${p}`,
    label,
  })),
  ...URLS.map(([d, label]): WarningListEntry => ({ kind: "url", match: "exact", value: d, label })),
  ...MERCHANTS.map(([m, label]): WarningListEntry => ({
    kind: "merchant",
    match: "exact",
    value: merchantKey(m) ?? m,
    label,
  })),
];

/**
 * Whether an identifier may link reports at all, warning list aside. Short
 * service numbers (110, 95xxx, 96xxx, 1xxxx) belong to organisations, never
 * to a scammer - a scammer only spoofs them - so they never link even when an
 * investigator has not listed them yet. Partial accounts without a holder
 * name never link either. The DB layer must treat these like listed ones.
 */
export function isLinkable(id: CanonicalIdentifier): boolean {
  if (id.meta.linkable === false) return false;
  return !(id.kind === "phone" && id.meta.type === "service");
}

/**
 * The entry that keeps an identifier from linking, or null. Phone entries also
 * cover the same number typed under another kind (a hotline given as an
 * Alipay or WeChat id), via meta.phone. When several entries match, exact
 * entries win, then the longest prefix, so the label shown is the most specific.
 */
export function isWarningListed(
  id: CanonicalIdentifier,
  entries: readonly WarningListEntry[],
): WarningListEntry | null {
  const phone = typeof id.meta.phone === "string" ? id.meta.phone : null;
  let best: WarningListEntry | null = null;
  for (const e of entries) {
    let candidate: string | null = null;
    if (e.kind === id.kind) candidate = id.value;
    else if (e.kind === "phone" && phone !== null) candidate = phone;
    if (candidate === null) continue;
    const hit = e.match === "exact" ? candidate === e.value : candidate.startsWith(e.value);
    if (!hit) continue;
    if (!best || rank(e) > rank(best)) best = e;
  }
  return best;
}

function rank(e: WarningListEntry): number {
  return e.match === "exact" ? 1e6 : e.value.length;
}

/**
 * Indexes entries for bulk use (imports of many reports): exact lookups are a
 * Map hit, prefixes are few. Same answers as isWarningListed.
 */
export function compileWarningList(
  entries: readonly WarningListEntry[],
): (id: CanonicalIdentifier) => WarningListEntry | null {
  const exact = new Map<string, WarningListEntry>();
  const prefixes: WarningListEntry[] = [];
  for (const e of entries) {
    if (e.match === "exact") {
      if (!exact.has(`${e.kind}\u0000${e.value}`)) exact.set(`${e.kind}\u0000${e.value}`, e);
    } else prefixes.push(e);
  }
  return (id) => {
    const phone = typeof id.meta.phone === "string" ? id.meta.phone : null;
    const hit =
      exact.get(`${id.kind}\u0000${id.value}`) ?? (phone !== null ? exact.get(`phone\u0000${phone}`) : undefined);
    if (hit) return hit;
    return isWarningListed(id, prefixes);
  };
}
