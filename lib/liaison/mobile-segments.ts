/**
 * Which operator a Chinese mobile number was issued to, by its number segment
 * (网号, the first three digits, and where the ministry split a segment, the
 * fourth or fifth). Pure.
 *
 * Source: MIIT, 我国公众移动通信网网号及H0分配情况（截至2023年3月底）, published
 * 2023-06-05 under 《电信网码号资源管理办法》 and 《电信网编号计划（2017年版）》.
 * docs/liaison-routing.md reproduces the table and says what it cannot tell:
 * since the nationwide number portability service (携号转网, 2019-11-27) a
 * number may be served by another operator than the one its segment names.
 *
 * Resale segments (移动转售: 162, 165, 167, 170, 171) belong to virtual
 * operators that buy capacity from a host network; they are routed to the
 * host operator named by the ministry's table (`resale: true`), which can stop
 * the number on its network and names the reseller. Staff override the route
 * when the reseller itself is an organisation here.
 */

export const MOBILE_OPERATORS = ["china_mobile", "china_unicom", "china_telecom", "china_broadnet"] as const;
export type MobileOperator = (typeof MOBILE_OPERATORS)[number];

interface Segment {
  operator: MobileOperator;
  /** A virtual operator's (移动转售) segment, routed to its host network. */
  resale?: true;
}

const M: Segment = { operator: "china_mobile" };
const U: Segment = { operator: "china_unicom" };
const T: Segment = { operator: "china_telecom" };
const B: Segment = { operator: "china_broadnet" };
const resale = (s: Segment): Segment => ({ ...s, resale: true });

/** Segment prefix (3 to 5 digits) → operator. The longest prefix wins. */
export const MOBILE_SEGMENTS: Readonly<Record<string, Segment>> = {
  // China Mobile
  ...Object.fromEntries(["1340", "1341", "1342", "1343", "1344", "1345", "1346", "1347", "1348"].map((p) => [p, M])),
  ...Object.fromEntries(
    ["135", "136", "137", "138", "139", "147", "148", "150", "151", "152", "157", "158", "159"].map((p) => [p, M]),
  ),
  ...Object.fromEntries(["172", "178", "182", "183", "184", "187", "188", "195", "197", "198"].map((p) => [p, M])),
  "165": resale(M),
  "1703": resale(M),
  "1705": resale(M),
  "1706": resale(M),
  // China Unicom
  ...Object.fromEntries(
    ["130", "131", "132", "145", "146", "155", "156", "166", "175", "176", "185", "186", "196"].map((p) => [p, U]),
  ),
  "167": resale(U),
  "171": resale(U),
  "1704": resale(U),
  "1707": resale(U),
  "1708": resale(U),
  "1709": resale(U),
  // China Telecom (13492/13493/13499 and 17400-17405 are its satellite service)
  ...Object.fromEntries(
    ["133", "149", "153", "173", "177", "180", "181", "189", "190", "191", "193", "199"].map((p) => [p, T]),
  ),
  ...Object.fromEntries(
    ["13492", "13493", "13499", "17400", "17401", "17402", "17403", "17404", "17405"].map((p) => [p, T]),
  ),
  "162": resale(T),
  "1700": resale(T),
  "1701": resale(T),
  "1702": resale(T),
  // China Broadnet
  "192": B,
  // Not routed: 1619 (China Satnet), 17406-17409, 1741, 1749 (other satellite
  // operators), and segments not allocated as of the source's date.
};

export interface MobileSegment {
  operator: MobileOperator;
  /** The segment that decided it, e.g. "138" or "1705". */
  prefix: string;
  resale: boolean;
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The operator of an 11-digit mainland mobile number (national digits, or
 * "+86…"), or null: not a mainland mobile, or a segment the table does not give
 * to one of the four operators.
 */
export function mobileSegment(number: string): MobileSegment | null {
  const national = number.startsWith("+86") ? number.slice(3) : number;
  if (!MOBILE.test(national)) return null;
  for (const len of [5, 4, 3]) {
    const prefix = national.slice(0, len);
    const hit = MOBILE_SEGMENTS[prefix];
    if (hit) return { operator: hit.operator, prefix, resale: hit.resale === true };
  }
  return null;
}
