/**
 * The pages for requests refused at the boundary, before any body is read:
 * 403 (a form sent from another site), 413 (too large), 429 (too many reports,
 * or too many wrong PINs on the status page). Also 503, a page whose database
 * could not be reached (unavailablePage).
 * Plain HTML without scripts, in the language of the URL, with the same
 * security headers as every page and a CSP that allows exactly its one style.
 * Built by scripts/serve.ts and, for a bare `next start`, by proxy.ts.
 */
import { createTranslator } from "use-intl/core";
import { env } from "@/lib/env";
import { catalogues } from "@/messages";

const en = catalogues.en;
const zh = catalogues["zh-CN"];
import { staticPageCsp } from "./csp";
import { escapeHtml } from "./html";
import boundary from "./static-headers.json";

export type RefusalStatus = 403 | 413 | 429;

export interface Refusal {
  status: RefusalStatus | 503;
  headers: Record<string, string>;
  body: string;
}

const STYLE =
  'body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.6}h1{font-size:1.5rem}a{color:#174c99}';
const CSP = staticPageCsp(STYLE);

const LOCALE_PAGE = /^\/(zh-CN|en)(\/[A-Za-z0-9/_-]*)?$/;

/**
 * The URL's language, and where a page about it links back to: the page
 * itself when it is one of ours ("//host/…" is another site), else the home page.
 */
export function pageOf(pathname: string): { locale: "en" | "zh-CN"; back: string } {
  const page = LOCALE_PAGE.exec(pathname);
  const locale = page?.[1] === "en" || (!page && pathname.startsWith("/en")) ? "en" : "zh-CN";
  return { locale, back: page ? pathname : `/${locale}` };
}

/**
 * @param pathname the path the request was sent to; the page links back to it
 *   when it is one of our pages (a form's own page), else to the home page.
 * @param reportForm the body limit that was exceeded is the report form's
 * @param reason for a 429: "statusPin" is the status page's wrong-PIN limit (else the report limit)
 */
export function refusal(
  status: RefusalStatus,
  pathname: string,
  opts: { reportForm?: boolean; reason?: "statusPin" } = {},
): Refusal {
  const { locale, back } = pageOf(pathname);
  // The message files are compiled at build time inside Next.js, and read as
  // written by scripts/serve.ts; use-intl's translator takes both forms.
  const t = createTranslator({ locale, messages: locale === "en" ? en : zh, namespace: "limits" });
  const e = env();
  const { MAX_EVIDENCE_FILES: maxFiles, MAX_EVIDENCE_MB: maxMb } = e;
  const pin = status === 429 && opts.reason === "statusPin";
  const [title, body] =
    status === 403
      ? [t("crossSiteTitle"), t("crossSiteBody")]
      : pin
        ? [t("tooManyPinTitle"), t("tooManyPinBody")]
        : status === 429
          ? [t("tooManyTitle"), t("tooManyBody")]
          : [t("tooLargeTitle"), opts.reportForm ? t("tooLargeBody", { maxFiles, maxMb }) : t("tooLargeFormBody")];
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(t("back"))}</a></p></main></body></html>`;
  const headers: Record<string, string> = {
    ...Object.fromEntries(boundary.everyResponse.map((h) => [h.key.toLowerCase(), h.value])),
    "content-security-policy": CSP,
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // The body was not read: the connection cannot carry another request.
    connection: "close",
  };
  // At most the whole window: the oldest counted attempt leaves it by then.
  if (status === 429)
    headers["retry-after"] = String((pin ? e.STATUS_PIN_WINDOW_MINUTES : e.REPORT_RATE_WINDOW_MINUTES) * 60);
  return { status, headers, body: html };
}

export function refusalResponse(r: Refusal): Response {
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/**
 * The "please try again" page for a page request that failed because the
 * database could not be reached (lib/http/edge.ts sends it in place of the
 * error shell Next.js renders, which shows nothing without JavaScript): 503,
 * Retry-After, in the language of the URL, naming the request so the
 * visitor can quote it. Like app/[locale]/error.tsx, from the same messages.
 */
export function unavailablePage(pathname: string, requestId: string, retryAfterSeconds: number): Refusal {
  const { locale, back: again } = pageOf(pathname);
  const t = (locale === "en" ? en : zh).errorPage;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.unavailableTitle)}</title>
<style>${STYLE}</style>
</head><body><main><h1>${escapeHtml(t.unavailableTitle)}</h1><p>${escapeHtml(t.unavailableBody)}</p><p>${escapeHtml(t.requestId)} <code>${escapeHtml(requestId)}</code></p><p><a href="${escapeHtml(again)}">${escapeHtml(t.retry)}</a> · <a href="/${locale}">${escapeHtml(t.home)}</a></p></main></body></html>`;
  const headers: Record<string, string> = {
    ...Object.fromEntries(boundary.everyResponse.map((h) => [h.key.toLowerCase(), h.value])),
    "content-security-policy": CSP,
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "retry-after": String(retryAfterSeconds),
  };
  return { status: 503, headers, body: html };
}
