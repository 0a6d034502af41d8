import { firstParam } from "@/lib/vocab/search-params";
/**
 * The liaison portal's URLs, read defensively: the inbox's filters (a GET form,
 * so it works without JavaScript), the request number in the path, and the
 * outcome banner the portal's actions leave in the query string. Unknown
 * values are ignored (filters, banner) or a 404 (the number): the URL can
 * neither reach the database with something it would refuse nor put text of
 * its own on the page. Pure.
 */
import { parseRequestNumber, requestKinds, type RequestKind, type RequestStatus } from "./shared";

type SearchParams = Record<string, string | string[] | undefined>;
const one = firstParam;

/** The inbox's status filter: "open" (sent or acknowledged) or one status; drafts never reach a liaison. */
export const inboxStatusFilters = ["open", "sent", "acknowledged", "answered", "closed"] as const;
export type InboxStatusFilter = (typeof inboxStatusFilters)[number];

export interface InboxParams {
  status?: Exclude<RequestStatus, "draft"> | "open";
  overdue?: boolean;
  kind?: RequestKind;
}

export function parseInboxParams(sp: SearchParams): InboxParams {
  const status = one(sp.status);
  const kind = one(sp.kind);
  const out: InboxParams = {};
  if ((inboxStatusFilters as readonly unknown[]).includes(status)) out.status = status as InboxStatusFilter;
  if ((requestKinds as readonly unknown[]).includes(kind)) out.kind = kind as RequestKind;
  // A checkbox sends "1" (ours) or "on" (a hand-made form).
  if (["1", "on", "true"].includes(one(sp.overdue) ?? "")) out.overdue = true;
  return out;
}

/** The request number in the page's path (encoded or not), or null: the page is a 404. */
export function requestNumberFromPath(raw: string): string | null {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A stray "%": parse it as it is (and fail).
  }
  return parseRequestNumber(decoded);
}

/**
 * Error codes the portal's actions answer with, by the catalogue namespace
 * that words them: the request service's own (liaisonErrors.*, requests
 * part), the portal's upload checks (portal.errors.*), and the mutation
 * core's generic ones (errors.*).
 */
export const portalErrorCodes = {
  liaisonErrors: ["closed", "outcomeKind", "amountRequired", "amountNotAllowed", "alreadyAcknowledged"],
  portal: ["attachmentType", "attachmentTooLarge", "attachmentCount"],
  errors: [
    "invalid",
    "required",
    "tooLong",
    "invalidChoice",
    "invalidAmount",
    "controlChars",
    "badRequest",
    "notFound",
    "forbidden",
    "unauthenticated",
    "unexpected",
  ],
} as const;
export type PortalErrorNamespace = keyof typeof portalErrorCodes;

export const portalDone = ["acknowledged", "answered"] as const;
export type PortalDone = (typeof portalDone)[number];

export type PortalBanner =
  | { kind: "done"; what: PortalDone }
  | { kind: "error"; namespace: PortalErrorNamespace; code: string; errorId: string | null };

/** The ids lib/log.ts gives unexpected errors. */
const ERROR_ID = /^[0-9a-f]{8}$/;

function namespaceOf(code: string | undefined): PortalErrorNamespace | null {
  if (!code) return null;
  for (const ns of Object.keys(portalErrorCodes) as PortalErrorNamespace[])
    if ((portalErrorCodes[ns] as readonly string[]).includes(code)) return ns;
  return null;
}

/** The outcome the last portal action left in the URL: known codes only, an error id only where one is shown. */
export function portalBannerOf(sp: SearchParams): PortalBanner | null {
  const error = one(sp.error);
  if (error !== undefined) {
    // A field's own code ("invalidAmount") says more than "invalid".
    const field = one(sp.field);
    const fieldNs = namespaceOf(field);
    const errorNs = namespaceOf(error);
    const [namespace, code] =
      fieldNs && field ? [fieldNs, field] : errorNs ? [errorNs, error] : (["errors", "invalid"] as const);
    const errorId = one(sp.errorId);
    return {
      kind: "error",
      namespace,
      code,
      errorId: code === "unexpected" && errorId && ERROR_ID.test(errorId) ? errorId : null,
    };
  }
  const done = one(sp.done);
  return (portalDone as readonly unknown[]).includes(done) ? { kind: "done", what: done as PortalDone } : null;
}
