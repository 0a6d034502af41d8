/**
 * How large a request body may be (docs/decisions/0010-http-boundary.md): the
 * report form and a victim's "add information" form (status page) carry
 * evidence files; every other form, server action and API request is small
 * text, but the liaison portal's answer form, which carries one attachment.
 */
import type { IncomingMessage } from "node:http";
import { routing } from "@/i18n/routing";
import { env } from "@/lib/env";

export const SMALL_BODY_BYTES = 1024 * 1024;

export const REPORT_PATH = new RegExp(`^/(${routing.locales.join("|")})/report/?$`);

/** The report form: files plus a generous allowance for the fields and multipart framing. */
export function reportBodyBytes(): number {
  const { MAX_EVIDENCE_FILES, MAX_EVIDENCE_MB } = env();
  return MAX_EVIDENCE_FILES * MAX_EVIDENCE_MB * 1024 * 1024 + 2 * 1024 * 1024;
}

/** A liaison's request page: its answer form posts (to the page's own URL) with one attachment. */
export const PORTAL_REQUEST_PATH = new RegExp(`^/(${routing.locales.join("|")})/portal/requests/[^/]+/?$`);

/** One attachment of at most MAX_EVIDENCE_MB, plus the answer's fields and multipart framing. */
export function portalAnswerBodyBytes(): number {
  return env().MAX_EVIDENCE_MB * 1024 * 1024 + SMALL_BODY_BYTES;
}

/** A victim's status page for their report: its "add information" form posts evidence files to it. */
export const STATUS_REPORT_PATH = new RegExp(`^/(${routing.locales.join("|")})/status/report/?$`);

export function bodyLimitFor(pathname: string): { bytes: number; reportForm: boolean } {
  if (REPORT_PATH.test(pathname)) return { bytes: reportBodyBytes(), reportForm: true };
  // The same evidence allowance as the report form; not its per-address report limit (additions have their own).
  if (STATUS_REPORT_PATH.test(pathname)) return { bytes: reportBodyBytes(), reportForm: false };
  if (PORTAL_REQUEST_PATH.test(pathname)) return { bytes: portalAnswerBodyBytes(), reportForm: false };
  return { bytes: SMALL_BODY_BYTES, reportForm: false };
}

/** The declared Content-Length, or undefined (chunked, or no body). */
export function declaredLength(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  // Node refuses a malformed Content-Length itself; anything odd counts as too large.
  return Number.isSafeInteger(n) && n >= 0 ? n : Number.POSITIVE_INFINITY;
}

/**
 * Cuts off a body without Content-Length (chunked) once it exceeds `limit`:
 * Node's HTTP parser hands every chunk to `req.push`, so counting there sees
 * the bytes before anyone reads them. Past the limit nothing more is passed on
 * and `onExceed` answers.
 */
export function capBody(req: IncomingMessage, limit: number, onExceed: () => void): void {
  let seen = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null && chunk !== undefined) {
      seen += (chunk as Buffer).length;
      if (seen > limit) {
        req.push = () => false;
        onExceed();
        return false;
      }
    }
    return push(chunk, encoding);
  };
}
