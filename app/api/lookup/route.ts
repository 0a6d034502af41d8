import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/db";
import { logError } from "@/lib/log";
import { lookupIdentifier, MAX_QUERY_LENGTH, takeKeyedApiLookup, verifyApiKey } from "@/lib/lookup";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/**
 * GET /api/lookup?q=… with `Authorization: Bearer <key>` (docs/lookup-api.md):
 * the public risk lookup for platforms checking a payee before a transfer.
 * 401 without a live key, 429 with Retry-After over the key's per-minute limit,
 * 400 without q. Answers may be kept for a minute by any cache, but only for
 * the same key (Vary: Authorization), so a cache never answers a keyless request.
 */
export async function GET(req: NextRequest): Promise<Response> {
  try {
    const client = await db();
    const authorization = req.headers.get("authorization");
    const unauthorized = () =>
      NextResponse.json(
        { error: "unauthorized" },
        { status: 401, headers: { ...NO_STORE, "www-authenticate": 'Bearer realm="lookup"' } },
      );
    const q = req.nextUrl.searchParams.get("q")?.trim() ?? "";
    if (!q || q.length > MAX_QUERY_LENGTH)
      return (await verifyApiKey(client, authorization))
        ? NextResponse.json({ error: "badQuery" }, { status: 400, headers: NO_STORE })
        : unauthorized();
    // Key check and count in one statement: this is the hot path.
    const allowed = await takeKeyedApiLookup(client, authorization);
    if (allowed === "unauthorized") return unauthorized();
    if (!allowed.ok)
      return NextResponse.json(
        { error: "rateLimited", retryAfter: allowed.retryAfterSeconds },
        { status: 429, headers: { ...NO_STORE, "retry-after": String(allowed.retryAfterSeconds) } },
      );
    const answer = await lookupIdentifier(client, q);
    return NextResponse.json(
      { query: q, ...answer },
      { headers: { "cache-control": "public, max-age=60", vary: "Authorization" } },
    );
  } catch (e) {
    const errorId = logError(e, { route: "/api/lookup" });
    return NextResponse.json({ error: "unexpected", errorId }, { status: 500, headers: NO_STORE });
  }
}
