import { firstParam } from "@/lib/vocab/search-params";
/**
 * The case liaison panel's forms, read without JavaScript: which identifiers
 * were checked, which victim fields were included (each with its
 * justification), the due time typed, and the outcome banner the actions leave
 * in the case page's URL. Also the kind of request an organisation's form
 * starts with. Pure: no server imports (the forms and the actions share it).
 */
import { parseLocalDateTime } from "@/lib/vocab/dates";
import type { OrgKind } from "@/lib/users/schemas";
import { liaisonErrorCodes } from "./errors";
import { disclosureFields, type Disclosure, type RequestKind } from "./shared";

/**
 * The kind of request an organisation is usually asked for: banks and payment
 * companies freeze, telecoms and internet companies block, hosting takes down;
 * a shop named by the victims as the one whose order data the scammers knew
 * gets a data-leak notice, any other platform an information request.
 */
export function defaultKindFor(orgKind: OrgKind, leakedShop = false): RequestKind {
  switch (orgKind) {
    case "bank":
    case "payment":
      return "freeze_accounts";
    case "telecom":
    case "internet":
      return "block_numbers";
    case "hosting":
      return "take_down";
    case "platform":
      return leakedShop ? "data_leak_notice" : "information";
    default:
      return "information";
  }
}

const IDENTIFIER_FIELD = /^identifier\.(\d{1,10})$/;
const INT32_MAX = 2_147_483_647;

/** Checked identifiers arrive as `identifier.<id>=on` (one checkbox each); ids only, in the form's order. */
export function identifierIdsOf(fields: Record<string, unknown>): number[] {
  const ids: number[] = [];
  for (const [k, v] of Object.entries(fields)) {
    const m = IDENTIFIER_FIELD.exec(k);
    if (!m || v !== "on") continue;
    const id = Number(m[1]);
    if (id >= 1 && id <= INT32_MAX && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * Victim fields the investigator included: `include.<field>=on` with its
 * `justification.<field>`. A justification typed for a field that was not
 * included shares nothing (the checkbox decides); the service refuses an
 * included field whose justification is too short.
 */
export function disclosuresOf(fields: Record<string, unknown>): Disclosure[] {
  return disclosureFields.flatMap((field) => {
    if (fields[`include.${field}`] !== "on") return [];
    const raw = fields[`justification.${field}`];
    return [{ field, justification: typeof raw === "string" ? raw.trim() : "" }];
  });
}

/** The due time typed in the form (a datetime-local value, China time): null when left empty, "invalid" when not a time. */
export function dueAtOf(raw: unknown): Date | null | "invalid" {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw !== "string") return "invalid";
  return parseLocalDateTime(raw.trim()) ?? "invalid";
}

/** A datetime-local input's value for an instant, in China time ("2026-06-01T18:30"). */
export function toLocalInput(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** What the last request action said, from the case page's URL. */
export type RequestBanner =
  | { kind: "done"; what: RequestDone }
  | { kind: "error"; code: string; scope: "liaisonErrors" | "errors"; errorId: string | null };

export const requestDoneCodes = ["created", "sent", "drafted", "closed", "discarded", "followUp"] as const;
export type RequestDone = (typeof requestDoneCodes)[number];

/** errors.* codes a request action can answer with besides its own liaisonErrors.* ones. */
const generalCodes = [
  "invalid",
  "required",
  "tooLong",
  "invalidChoice",
  "invalidDate",
  "controlChars",
  "caseNotFound",
  "notFound",
  "forbidden",
  "unauthenticated",
  "badRequest",
  "unexpected",
] as const;

type SearchParams = Record<string, string | string[] | undefined>;
const one = firstParam;
const ERROR_ID = /^[0-9a-f]{8}$/;

/**
 * The panel's banner: only when the URL says a request action answered
 * (`panel=requests`), and only with known codes (the URL cannot put text of
 * its own on the page). A field's code says more than "invalid".
 */
export function requestBannerOf(sp: SearchParams): RequestBanner | null {
  if (one(sp.panel) !== "requests") return null;
  const done = one(sp.done);
  const error = one(sp.error);
  if (error === undefined) {
    return done !== undefined && (requestDoneCodes as readonly string[]).includes(done)
      ? { kind: "done", what: done as RequestDone }
      : null;
  }
  for (const candidate of [one(sp.field), error]) {
    if ((liaisonErrorCodes as readonly unknown[]).includes(candidate))
      return { kind: "error", code: candidate!, scope: "liaisonErrors", errorId: null };
  }
  for (const candidate of [one(sp.field), error]) {
    if ((generalCodes as readonly unknown[]).includes(candidate)) {
      const errorId = one(sp.errorId);
      return {
        kind: "error",
        code: candidate!,
        scope: "errors",
        errorId: candidate === "unexpected" && errorId && ERROR_ID.test(errorId) ? errorId : null,
      };
    }
  }
  return { kind: "error", code: "invalid", scope: "errors", errorId: null };
}
