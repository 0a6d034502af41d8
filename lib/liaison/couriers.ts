/**
 * Courier companies named in scam reports, recognised from the platform name
 * a victim typed (pure: no Next.js or database imports).
 *
 * The leak signal lists the couriers the scammers claimed to call from (role
 * "impersonated" or "other"): a shop whose customers were all called by a
 * fake SF Express agent is told so in its notice. A platform also counts as a
 * courier when an administrator linked it to an organisation of kind courier
 * (done in SQL by the caller); this vocabulary covers the rest.
 *
 * Names go through the same normalisation as Platform.key (NFKC, trimmed,
 * lower-cased, spaces collapsed), then:
 * - Chinese aliases match anywhere in the name ("顺丰速运客服" is SF Express);
 * - Latin aliases match as whole words ("sf express", "j&t", not "systems");
 * - names of banks never match ("中国邮政储蓄银行" is a bank, not China Post).
 * Deliberately small: the ten national express carriers victims name most.
 * Add a carrier here and its name to messages/liaison/signals.*.json.
 */
import { platformKey } from "@/lib/reports/platforms";

export const courierCodes = [
  "sf",
  "zto",
  "yto",
  "sto",
  "yunda",
  "jd_logistics",
  "ems",
  "jt",
  "deppon",
  "best",
] as const;
export type CourierCode = (typeof courierCodes)[number];

const aliases: Record<CourierCode, { zh: string[]; latin: string[] }> = {
  sf: { zh: ["顺丰"], latin: ["sf", "sf express", "sf-express", "sfexpress", "shunfeng"] },
  zto: { zh: ["中通"], latin: ["zto", "zto express", "zhongtong"] },
  yto: { zh: ["圆通"], latin: ["yto", "yto express", "yuantong"] },
  sto: { zh: ["申通"], latin: ["sto", "sto express", "shentong"] },
  yunda: { zh: ["韵达"], latin: ["yunda", "yunda express"] },
  jd_logistics: { zh: ["京东物流", "京东快递"], latin: ["jd logistics", "jdl", "jd express"] },
  ems: { zh: ["中国邮政", "邮政", "邮政速递"], latin: ["ems", "china post", "china post ems"] },
  jt: { zh: ["极兔"], latin: ["j&t", "j&t express", "jt express", "jtexpress", "jitu"] },
  deppon: { zh: ["德邦"], latin: ["deppon", "debang"] },
  best: { zh: ["百世"], latin: ["best express", "best inc", "best inc."] },
};

const NOT_A_COURIER = /银行|储蓄|(^|[^a-z])bank($|[^a-z])/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const latinPatterns: [CourierCode, RegExp][] = courierCodes.flatMap((code) =>
  aliases[code].latin.map((a): [CourierCode, RegExp] => [
    code,
    new RegExp(`(^|[^a-z0-9])${escape(platformKey(a))}($|[^a-z0-9])`),
  ]),
);

/** The courier a platform name stands for, or null. */
export function courierOf(name: string): CourierCode | null {
  const key = platformKey(name);
  if (!key || NOT_A_COURIER.test(key)) return null;
  for (const code of courierCodes) if (aliases[code].zh.some((a) => key.includes(a))) return code;
  for (const [code, re] of latinPatterns) if (re.test(key)) return code;
  return null;
}
