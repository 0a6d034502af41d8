export const dynamic = "force-dynamic";

/**
 * GET /api/health: the process is up and serving (liveness). Touches nothing
 * else, so a database outage never gets the app restarted; /api/ready says
 * whether it can take traffic (docs/operations.md).
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
