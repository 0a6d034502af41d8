import createIntlMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "@/i18n/routing";
import { isProtectedPath, loginPath, REQUEST_PATH_HEADER } from "@/lib/auth/paths";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { newNonce, NO_CONTENT_CSP, pageCsp } from "@/lib/http/csp";
import { isFromEdge } from "@/lib/http/edge-mark";
import { boundaryRefusal } from "@/lib/http/next-guard";
import { isSafeMethod } from "@/lib/http/origin";
import { refusalResponse } from "@/lib/http/refusal";
import { badActionResponse, isMalformedActionPost } from "@/lib/actions/request-check";
import { unroutablePath } from "@/lib/http/path-guard";
import { lookupPageLocale, tooManyLookups } from "@/lib/lookup/too-many";
import { clientIpFrom } from "@/lib/http/client-ip";
import { isPublicFile } from "@/lib/http/public-files";

const intl = createIntlMiddleware(routing);

/**
 * Every page response gets a Content-Security-Policy with a fresh nonce, which
 * Next.js reads from the request's copy of the header and puts on its scripts
 * (docs/decisions/0010-http-boundary.md). Then routing: language prefixes, and
 * visitors without a session cookie sent from staff and portal pages to the
 * sign-in page. Authorisation lives in the data functions: a cookie that is
 * present here may still be expired, forged or revoked.
 *
 * Refusals before the body (other origin, too large, too many reports) are
 * scripts/serve.ts's; boundaryRefusal() repeats them for a bare `next start`.
 */
export default async function proxy(request: NextRequest) {
  const refused = await boundaryRefusal(request);
  if (refused) return refusalResponse(refused);
  // A server action called without a form: 400 before Next decodes it (lib/actions/request-check.ts).
  if (isMalformedActionPost(request.method, request.headers)) return badActionResponse(request.nextUrl.pathname);

  const { pathname, search } = request.nextUrl;
  if (isPublicFile(pathname)) {
    // Icons, robots.txt, the manifest, security.txt: served as they are, and nothing in them may run.
    const res = NextResponse.next();
    res.headers.set("content-security-policy", NO_CONTENT_CSP);
    return res;
  }
  // The public lookup with a query counts against the address's limit here, where a 429 status is possible.
  const lookupLocale = request.method === "GET" ? lookupPageLocale(pathname, request.nextUrl.searchParams) : null;
  if (lookupLocale) {
    const { takePageLookupForIp } = await import("@/lib/lookup/limit-check");
    const { isDatabaseUnavailable } = await import("@/lib/db/unavailable");
    // Database down: let the page answer its own 503 "please try again" rather than failing here with a bare 500.
    const allowed = await takePageLookupForIp(clientIpFrom(request.headers)).catch((e: unknown) => {
      if (isDatabaseUnavailable(e)) return { ok: true as const };
      throw e;
    });
    if (!allowed.ok) return tooManyLookups(lookupLocale, allowed.retryAfterSeconds);
  }
  const fromEdge = isFromEdge(request.headers);
  const csp = pageCsp(newNonce(), {
    // Only serve.ts vouches for the protocol (a trusted proxy's, or its own TLS).
    https: fromEdge && request.headers.get("x-forwarded-proto") === "https",
    dev: process.env.NODE_ENV === "development",
  });
  const withCsp = (res: NextResponse) => {
    res.headers.set("content-security-policy", csp);
    return res;
  };

  const read = request.method === "GET" || request.method === "HEAD";
  // A file name (robots.txt, …): no language prefix, no sign-in redirect; a 404 page still gets its policy.
  const file = /\.[^/]*$/.test(pathname);
  // Page loads only: a form post (server action) answers "signed out" itself.
  if (!file && read && isProtectedPath(pathname) && !hasSessionCookie(request.cookies)) {
    const locale = pathname.split("/")[1]!;
    return withCsp(NextResponse.redirect(new URL(loginPath(locale, pathname + search), request.url)));
  }

  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  // Layouts cannot see the URL; the staff layout reads it from here to send an
  // expired session back to this very page after sign-in. Set on page loads,
  // and only ever used as a `next` that safeNext() validates.
  if (read) headers.set(REQUEST_PATH_HEADER, pathname + search);
  else headers.delete(REQUEST_PATH_HEADER);
  const origin = request.headers.get("origin");
  if (!fromEdge && !isSafeMethod(request.method) && origin && URL.canParse(origin)) {
    // boundaryRefusal() allowed this origin; Next.js's own check compares it with X-Forwarded-Host.
    headers.set("x-forwarded-host", new URL(origin).host);
  }
  if (file) return withCsp(NextResponse.next({ request: { headers } }));
  // A path that does not decode, or decodes to "%" or a control character (`/staff/cases/%25`), names no
  // page, and Next.js (or next-intl's rewrite to the decoded path) would answer a bare 500: the usual 404.
  if (unroutablePath(pathname)) {
    const locale = routing.locales.find((l) => pathname.startsWith(`/${l}/`)) ?? routing.defaultLocale;
    return withCsp(NextResponse.rewrite(new URL(`/${locale}/not-found`, request.url), { request: { headers } }));
  }
  const forwarded = new NextRequest(request.url, { method: request.method, headers });
  return withCsp(intl(forwarded) ?? NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything except API routes (next.config.js gives them a no-content
  // policy) and Next's own files; pages with a dot in their name included.
  matcher: ["/((?!api/|_next/).*)"],
};
