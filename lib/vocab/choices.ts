/**
 * Choice lists shared by the form, the schemas, the import format, the matcher
 * and the database enums (a test checks them against the Prisma enums). The
 * bottom layer: every domain may import it; it imports nothing of theirs.
 */
export const scamTypes = [
  "fake_customer_service_refund",
  "courier_compensation",
  "credit_repair_loan_giftcard",
  "order_brushing",
  "other",
] as const;
export const contactKinds = ["phone", "qq", "qq_group", "wechat", "url", "email", "other"] as const;
export const paymentMethods = ["bank_transfer", "alipay", "wechat_pay", "gift_card", "card", "cash", "other"] as const;
export const payeeKinds = ["bank_account", "alipay", "wechat_pay", "gift_card", "merchant", "other"] as const;
export const platformRoles = ["order_leaked", "impersonated", "payment", "loan", "gift_card", "other"] as const;
/** Canonical identifier kinds produced by the matcher's normaliser. */
export const identifierKinds = [
  "phone",
  "qq",
  "qq_group",
  "wechat",
  "url",
  "email",
  "bank_account",
  "bank_account_partial",
  "alipay",
  "wechat_pay",
  "gift_card",
  "merchant",
  "other",
] as const;
export const caseStatuses = ["new", "triage", "investigating", "referred", "closed"] as const;

export const provinces = [
  "Beijing",
  "Tianjin",
  "Hebei",
  "Shanxi",
  "Inner Mongolia",
  "Liaoning",
  "Jilin",
  "Heilongjiang",
  "Shanghai",
  "Jiangsu",
  "Zhejiang",
  "Anhui",
  "Fujian",
  "Jiangxi",
  "Shandong",
  "Henan",
  "Hubei",
  "Hunan",
  "Guangdong",
  "Guangxi",
  "Hainan",
  "Chongqing",
  "Sichuan",
  "Guizhou",
  "Yunnan",
  "Tibet",
  "Shaanxi",
  "Gansu",
  "Qinghai",
  "Ningxia",
  "Xinjiang",
  "Hong Kong",
  "Macau",
  "Taiwan",
] as const;

export type ScamType = (typeof scamTypes)[number];
export type ContactKind = (typeof contactKinds)[number];
export type PaymentMethod = (typeof paymentMethods)[number];
export type PayeeKind = (typeof payeeKinds)[number];
export type PlatformRole = (typeof platformRoles)[number];
export type IdentifierKind = (typeof identifierKinds)[number];
export type CaseStatus = (typeof caseStatuses)[number];

export const limits = {
  narrative: 5000,
  contacts: 30,
  payments: 30,
  platforms: 20,
  short: 200,
} as const;
