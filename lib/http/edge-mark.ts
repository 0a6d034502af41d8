/**
 * How the app knows that scripts/serve.ts (our own HTTP server, same process)
 * prepared a request: it sets EDGE_HEADER to a random token that only this
 * process holds. A bare `next start` never sets it, and a client cannot guess
 * it, so forwarded addresses and protocols count only when it is present.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

export const EDGE_HEADER = "x-casework-edge";

const SLOT = Symbol.for("casework.http.edgeToken");
const g = globalThis as unknown as { [SLOT]?: Buffer };

/** Called once by the server; later calls keep the first token. */
export function edgeToken(): string {
  g[SLOT] ??= randomBytes(32);
  return g[SLOT].toString("hex");
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  const v = headers instanceof Headers ? headers.get(name) : headers[name];
  return Array.isArray(v) ? v[0] : (v ?? undefined);
}

export function isFromEdge(headers: HeaderSource): boolean {
  const token = g[SLOT];
  const sent = read(headers, EDGE_HEADER);
  if (!token || !sent) return false;
  const given = Buffer.from(sent, "hex");
  return given.length === token.length && timingSafeEqual(given, token);
}
