import { isFromEdge } from "./edge-mark";
import { REQUEST_ID_HEADER } from "./request-context";

/**
 * The request's id as the gate set it (lib/http/edge.ts), for code that reads
 * headers rather than the request context. Believed only on requests the edge
 * marked; a bare `next start` has no ids.
 */
export function requestIdFrom(headers: Headers): string | undefined {
  if (!isFromEdge(headers)) return undefined;
  return headers.get(REQUEST_ID_HEADER) ?? undefined;
}
