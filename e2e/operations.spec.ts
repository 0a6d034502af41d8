/**
 * Health, readiness and request ids on the e2e server (docs/operations.md,
 * "Health, readiness and logs"). The database-outage behaviour has its own
 * spec with its own PostgreSQL cluster (database-outage.spec.ts).
 */
import { test, expect } from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("health and readiness answer anyone, in no language, uncached, with nothing but a status", async ({ request }) => {
  for (const [path, body] of [
    ["/api/health", { status: "ok" }],
    ["/api/ready", { status: "ready" }],
  ] as const) {
    // A browser preferring English with a stale session cookie: still no language or sign-in redirect.
    const res = await request.get(path, {
      maxRedirects: 0,
      headers: { "accept-language": "en", cookie: "authjs.session-token=stale" },
    });
    expect(res.status(), path).toBe(200);
    expect(await res.json(), path).toEqual(body);
    expect(res.headers()["cache-control"], path).toBe("no-store");
    expect(res.headers()["content-type"], path).toMatch(/^application\/json/);
    expect(res.headers()["x-request-id"], path).toMatch(UUID);
    expect((await request.head(path, { maxRedirects: 0 })).status(), `HEAD ${path}`).toBe(200);
  }
});

test("every answer names its request; a trusted proxy's id is kept", async ({ request }) => {
  const a = await request.get("/en");
  const b = await request.get("/en/report");
  expect(a.headers()["x-request-id"]).toMatch(UUID);
  expect(b.headers()["x-request-id"]).toMatch(UUID);
  expect(a.headers()["x-request-id"]).not.toBe(b.headers()["x-request-id"]);
  // The e2e server trusts loopback as its reverse proxy (TRUST_PROXY=1), so the test is that proxy.
  const id = `e2e-proxy-${Date.now()}`;
  const c = await request.get("/en", { headers: { "x-request-id": id } });
  expect(c.headers()["x-request-id"]).toBe(id);
  // A malformed id is replaced, not echoed.
  const d = await request.get("/en", { headers: { "x-request-id": "a b" } });
  expect(d.headers()["x-request-id"]).toMatch(UUID);
});
