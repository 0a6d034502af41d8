/**
 * The 429 page of the public lookup: plain HTML without scripts, in the URL's
 * language, with the security headers of every page and a CSP allowing only
 * its one style (like lib/http/refusal.ts, whose texts are the report form's).
 * Built by proxy.ts, which counts page lookups before Next.js renders anything:
 * a server component cannot answer with a status other than 200/404/403.
 */
import { createTranslator } from "use-intl/core";
import { catalogues } from "@/messages";
import { staticPageCsp } from "@/lib/http/csp";
import { escapeHtml } from "@/lib/http/html";
import boundary from "@/lib/http/static-headers.json";

const STYLE =
  'body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.6}h1{font-size:1.5rem}a{color:#174c99}';
const CSP = staticPageCsp(STYLE);

export function tooManyLookups(locale: "en" | "zh-CN", retryAfterSeconds: number): Response {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "lookup" });
  const title = t("tooManyTitle");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t("tooManyBody", { seconds: retryAfterSeconds }))}</p><p><a href="/${locale}/lookup">${escapeHtml(t("tooManyBack"))}</a></p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: {
      ...Object.fromEntries(boundary.everyResponse.map((h) => [h.key.toLowerCase(), h.value])),
      "content-security-policy": CSP,
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(retryAfterSeconds),
    },
  });
}

/** The lookup page with a query: the requests the per-address limit counts. */
export function lookupPageLocale(pathname: string, search: URLSearchParams): "en" | "zh-CN" | null {
  const m = /^\/(en|zh-CN)\/lookup\/?$/.exec(pathname);
  if (!m || !(search.get("q") ?? "").trim()) return null;
  return m[1] as "en" | "zh-CN";
}
