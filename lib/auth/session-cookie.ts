/**
 * Whether a request carries an Auth.js session cookie at all (plain or
 * __Secure- prefixed, possibly chunked as .0, .1…). Only the proxy uses this,
 * for an optimistic redirect; the cookie is verified by getCurrentUser().
 */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function hasSessionCookie(cookies: { getAll(): { name: string; value: string }[] }): boolean {
  return cookies.getAll().some((c) => SESSION_COOKIE.test(c.name) && c.value.length > 0);
}
