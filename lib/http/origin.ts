/**
 * Which origins may send forms and server actions (docs/decisions/0010-http-boundary.md).
 * The list comes from configuration only, never from request headers such as
 * Host or X-Forwarded-Host: APP_URL (default http://localhost:PORT, plus the
 * loopback spellings of it) and ALLOWED_ORIGINS.
 */
import { appOrigin, env } from "@/lib/env";

/** Methods that change nothing; everything else must come from an allowed origin. */
export function isSafeMethod(method: string | undefined): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

export { appOrigin };

let cached: Set<string> | undefined;

export function allowedOrigins(): ReadonlySet<string> {
  if (cached) return cached;
  const { APP_URL, PORT, ALLOWED_ORIGINS } = env();
  const list = [appOrigin(), ...ALLOWED_ORIGINS];
  // The default is a local start: the same server under its loopback addresses.
  if (!APP_URL) list.push(`http://127.0.0.1:${PORT}`, `http://[::1]:${PORT}`);
  return (cached = new Set(list));
}

/**
 * "ok" for a safe method, a request without Origin (not sent by a browser, so
 * it carries no victim's cookies), or an allowed Origin; "cross-site" for any
 * other Origin, including "null" (sandboxed frames, data: pages).
 */
export function checkOrigin(method: string | undefined, origin: string | null | undefined): "ok" | "cross-site" {
  if (isSafeMethod(method) || origin === undefined || origin === null) return "ok";
  if (!URL.canParse(origin)) return "cross-site";
  return allowedOrigins().has(new URL(origin).origin) ? "ok" : "cross-site";
}

/** For tests that change the configuration. */
export function resetOriginCache() {
  cached = undefined;
}
