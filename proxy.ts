import createIntlMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "@/i18n/routing";
import { isProtectedPath, loginPath, REQUEST_PATH_HEADER } from "@/lib/auth/paths";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { refusePage, reportPostGuard } from "@/lib/http/report-guard";
import { NOWHERE, unroutablePath } from "@/lib/http/path-guard";

const intl = createIntlMiddleware(routing);

/**
 * Routing only: language prefixes, cheap refusals of report submissions that
 * are too large or from an address over its limit (answered 413/429 before the
 * body is parsed), and sending visitors without a session cookie from staff and
 * portal pages to the sign-in page. Authorisation lives in the data functions:
 * a cookie that is present here may still be expired, forged or revoked.
 */
export default async function proxy(request: NextRequest) {
  if (request.method === "POST") {
    const refusal = await reportPostGuard(request);
    if (refusal) return refusePage(refusal, request);
  }
  const { pathname, search } = request.nextUrl;
  const read = request.method === "GET" || request.method === "HEAD";
  // Page loads only: a form post (server action) answers "signed out" itself.
  if (read && isProtectedPath(pathname) && !hasSessionCookie(request.cookies)) {
    const locale = pathname.split("/")[1]!;
    return NextResponse.redirect(new URL(loginPath(locale, pathname + search), request.url));
  }
  // A path next-intl would rewrite to an invalid URL (a 500) names no page: the usual 404.
  if (unroutablePath(pathname))
    return NextResponse.rewrite(new URL(`/${routing.defaultLocale}${NOWHERE}`, request.url));
  // Layouts cannot see the URL; the staff layout reads it from here to send an
  // expired session back to this very page after sign-in. Set on page loads,
  // and only ever used as a `next` that safeNext() validates.
  if (!read) return intl(request) ?? NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  return intl(new NextRequest(request.url, { method: request.method, headers })) ?? NextResponse.next();
}

export const config = {
  // Everything except Next internals, API routes and files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
