/**
 * The client address. scripts/serve.ts drops any X-Forwarded-For a client sent
 * unless TRUST_PROXY is on, and Next then fills it with the socket address; with
 * TRUST_PROXY the rightmost entry is the one our own proxy appended.
 */
export function clientIpFrom(headers: Headers): string {
  const xff = headers.get("x-forwarded-for") ?? "";
  const parts = xff
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = parts[parts.length - 1] ?? "unknown";
  return ip.replace(/^::ffff:/, "");
}
