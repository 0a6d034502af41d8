/**
 * The client address that rate limits, sign-in throttling and the audit log
 * key on. scripts/serve.ts resolves it from the socket and the trusted proxies'
 * X-Forwarded-For (lib/http/trusted-proxy.ts), writes it as the only entry of
 * X-Forwarded-For and marks the request (edge-mark.ts). Without that mark (a
 * bare `next start`) every header a client sent is suspect: all clients share
 * the address "unknown", so limits still hold, for everyone at once.
 */
import { log } from "@/lib/log";
import { isFromEdge } from "./edge-mark";

export const UNKNOWN_CLIENT = "unknown";

let warned = false;

export function clientIpFrom(headers: Headers): string {
  if (!isFromEdge(headers)) {
    if (!warned) {
      warned = true;
      log(
        "warn",
        "client addresses unknown: not started by scripts/serve.ts (npm start); all clients share one limit",
        {
          see: "docs/decisions/0010-http-boundary.md",
        },
      );
    }
    return UNKNOWN_CLIENT;
  }
  const ip = headers.get("x-forwarded-for")?.trim();
  return ip ? ip.replace(/^::ffff:/, "") : UNKNOWN_CLIENT;
}
