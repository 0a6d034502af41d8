/**
 * The liaison area's vocabulary, safe for client components: request kinds,
 * statuses, answers, the victim fields an investigator may disclose, and which
 * identifiers each kind of request concerns. Pure: no server imports.
 */
export const requestKinds = [
  "freeze_accounts",
  "block_numbers",
  "take_down",
  "data_leak_notice",
  "information",
] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestStatuses = ["draft", "sent", "acknowledged", "answered", "closed"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Requests the organisation still has to act on (the due time counts). */
export const openStatuses: readonly RequestStatus[] = ["sent", "acknowledged"];

export const requestOutcomes = [
  "frozen",
  "withdrawn",
  "not_found",
  "blocked",
  "taken_down",
  "provided",
  "declined",
] as const;
export type RequestOutcome = (typeof requestOutcomes)[number];

/** Answers that make sense for each kind (the liaison's choice list). */
export const outcomesByKind: Readonly<Record<RequestKind, readonly RequestOutcome[]>> = {
  freeze_accounts: ["frozen", "withdrawn", "not_found", "declined"],
  block_numbers: ["blocked", "not_found", "declined"],
  take_down: ["taken_down", "not_found", "declined"],
  data_leak_notice: ["provided", "not_found", "declined"],
  information: ["provided", "not_found", "declined"],
};

/** Identifier kinds each request kind is about; the create form offers only these. */
export const identifierKindsByRequest: Readonly<Record<RequestKind, readonly string[]>> = {
  freeze_accounts: ["bank_account", "bank_account_partial", "alipay", "wechat_pay", "gift_card", "merchant"],
  block_numbers: ["phone", "qq", "qq_group", "wechat", "email"],
  take_down: ["url"],
  data_leak_notice: [],
  information: [
    "bank_account",
    "bank_account_partial",
    "alipay",
    "wechat_pay",
    "gift_card",
    "merchant",
    "phone",
    "qq",
    "qq_group",
    "wechat",
    "url",
    "email",
  ],
};

/** Victim personal data, redacted unless the investigator includes it with a justification. */
export const disclosureFields = ["victimNames", "victimPhones", "narratives"] as const;
export type DisclosureField = (typeof disclosureFields)[number];
export interface Disclosure {
  field: DisclosureField;
  justification: string;
}

/** Justifications are read by auditors: a few words are not enough. */
export const MIN_JUSTIFICATION = 10;

/** "Q-2026-000123": the number both sides quote. */
export function parseRequestNumber(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const s = raw.trim().toUpperCase();
  return /^Q-\d{4}-\d{6,9}$/.test(s) ? s : null;
}

/** Overdue: still waiting on the organisation after its due time. */
export function isOverdue(r: { status: string; dueAt: Date | null }, now = new Date()): boolean {
  return !!r.dueAt && (openStatuses as readonly string[]).includes(r.status) && r.dueAt.getTime() < now.getTime();
}
