/**
 * Where users go after signing in, and which `next` targets are acceptable
 * (only our own staff and portal pages: never another host, never a scheme).
 * Pure module, shared by the proxy, pages and actions.
 */
import { routing } from "@/i18n/routing";
import type { Role } from "./permissions";

const LOCALES = routing.locales.join("|");

/** Set by proxy.ts on every page request: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-request-path";
const PROTECTED = new RegExp(`^/(${LOCALES})/(staff|portal)(/|$)`);

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED.test(pathname);
}

/**
 * A path whose route parameters Next.js cannot decode: a percent sign that is
 * not a valid escape, before or after the one decoding the locale rewrite
 * already applies (`/users/%`, `/users/%25`, `/cases/%E0%A4%A`). Next.js
 * answers those with a bare 500; the proxy sends them to the not-found page.
 * No user id or case number contains a percent sign.
 */
export function isMalformedPath(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(decodeURIComponent(segment));
    return false;
  } catch {
    return true;
  }
}

export function homePathFor(role: Role, locale: string): string {
  return role === "liaison" ? `/${locale}/portal` : `/${locale}/staff`;
}

export function loginPath(locale: string, next?: string): string {
  return next ? `/${locale}/login?${new URLSearchParams({ next })}` : `/${locale}/login`;
}

/** A same-site path under /{locale}/staff or /{locale}/portal, or null. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== "string" || next.length > 500) return null;
  if (!next.startsWith("/") || next.startsWith("//") || /[\\\s]/.test(next) || next.includes("://")) return null;
  return isProtectedPath(next.split(/[?#]/)[0]!) ? next : null;
}

/** After sign-in: the requested page if this role may have it, else the role's home. */
export function landingPath(role: Role, locale: string, next: unknown): string {
  const target = safeNext(next);
  if (target) {
    const area = target.split("/")[2];
    if ((area === "portal") === (role === "liaison")) return target;
  }
  return homePathFor(role, locale);
}
