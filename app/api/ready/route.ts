import { readiness } from "@/lib/ops/readiness";
import { RETRY_AFTER_SECONDS } from "@/lib/http/retry";

export const dynamic = "force-dynamic";

/**
 * GET /api/ready: 200 when the database answers, migrations are current and
 * evidence storage is writable; otherwise 503 with a reason code
 * (lib/ops/readiness.ts). Unauthenticated, no data, never cached.
 */
export async function GET(): Promise<Response> {
  const r = await readiness();
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (r.ready) return Response.json({ status: "ready" }, { headers });
  headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json({ status: "not_ready", reason: r.reason }, { status: 503, headers });
}
