/**
 * The boundary's checks again, inside Next.js, for a server that scripts/serve.ts
 * does not front (a bare `next start`). There they come after Next.js has begun
 * reading the body; with serve.ts they already ran before it, and are skipped.
 */
import type { NextRequest } from "next/server";
import { bodyLimitFor, declaredLength } from "./body-limit";
import { clientIpFrom } from "./client-ip";
import { isFromEdge } from "./edge-mark";
import { checkOrigin, isSafeMethod } from "./origin";
import { refusal, type Refusal } from "./refusal";
import { STATUS_SIGN_IN_PATH, statusLimited } from "./status-gate";

export async function boundaryRefusal(request: NextRequest): Promise<Refusal | null> {
  if (isFromEdge(request.headers) || isSafeMethod(request.method)) return null;
  const { pathname } = request.nextUrl;
  if (checkOrigin(request.method, request.headers.get("origin")) === "cross-site") return refusal(403, pathname);
  const limit = bodyLimitFor(pathname);
  const length = declaredLength(request.headers.get("content-length"));
  if (length !== undefined && length > limit.bytes) return refusal(413, pathname, { reportForm: limit.reportForm });
  if (request.method === "POST" && !request.headers.get("next-action") && STATUS_SIGN_IN_PATH.test(pathname)) {
    // The status sign-in's wrong-PIN limits (status-gate.ts); Next.js hands proxy.ts a copy of the body.
    const reference = await request
      .clone()
      .formData()
      .then((f) => f.get("reference"))
      .catch(() => null);
    const { isStatusSignInLimitedFor } = await import("@/lib/victims/status-limit-check");
    const ref = typeof reference === "string" && reference.trim() ? reference : null;
    const limited = await statusLimited(ref, clientIpFrom(request.headers), isStatusSignInLimitedFor);
    return limited ? refusal(429, pathname, { reason: "statusPin" }) : null;
  }
  // A JavaScript submission gets its answer from the action itself (a 429 here
  // would surface as a broken response in the page); plain form posts get a page.
  if (!limit.reportForm || request.method !== "POST" || request.headers.get("next-action")) return null;
  const { isReportLimitedForIp } = await import("@/lib/reports/rate-limit-check");
  return (await isReportLimitedForIp(clientIpFrom(request.headers))) ? refusal(429, pathname) : null;
}
