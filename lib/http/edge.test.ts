import type http from "node:http";
import type { IncomingMessage } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { EDGE_HEADER, isFromEdge } from "./edge-mark";
import { resetOriginCache } from "./origin";
import { compileTrust } from "./trusted-proxy";
import { listenEdge, rawHttp } from "./test-support";

// The edge in front of a stand-in for Next.js that records what it was given
// and reads the whole body, on a loopback port; clients speak raw HTTP so a
// test can send headers without a body.
interface Seen {
  headers: IncomingMessage["headers"];
  bytes: number;
  fromEdge: boolean;
}

let seen: Seen[] = [];
let limited = false;
const servers: http.Server[] = [];

function serve(trust: string[]): Promise<number> {
  return listenEdge(
    (req, res) => {
      const entry: Seen = { headers: { ...req.headers }, bytes: 0, fromEdge: isFromEdge(req.headers) };
      seen.push(entry);
      req.on("data", (c: Buffer) => (entry.bytes += c.length));
      req.on("end", () => res.end("handled"));
    },
    { trust: compileTrust(trust), reportLimited: async () => limited },
    servers,
  );
}

/** Sends `head` (and `body`, if given) and resolves with the status as soon as a response starts. */
const raw = (port: number, head: string, body?: Buffer | Buffer[]) => rawHttp(port, head, body);

function post(path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: "localhost:3000", ...headers }).map(([k, v]) => `${k}: ${v}`);
  return [`POST ${path} HTTP/1.1`, ...lines, ""].join("\n");
}

const MB = 1024 * 1024;

beforeAll(() => {
  delete process.env.APP_URL;
  delete process.env.ALLOWED_ORIGINS;
  process.env.PORT = "3000";
  resetEnvCache();
  resetOriginCache();
});
afterEach(() => {
  seen = [];
  limited = false;
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

describe("body limits, before the body", () => {
  it("refuses a report whose Content-Length is over the allowance, with no body sent", async () => {
    const port = await serve([]);
    const res = await raw(
      port,
      post("/en/report", { "content-length": 200 * MB, "content-type": "multipart/form-data" }),
    );
    expect(res.status).toBe(413);
    expect(res.text).toContain("Upload too large");
    expect(res.text).toContain("Attach at most 10 files");
    expect(seen).toHaveLength(0);
  });

  it("allows the report form its allowance but every other path 1 MB", async () => {
    const port = await serve([]);
    expect((await raw(port, post("/zh-CN/login", { "content-length": 2 * MB }))).status).toBe(413);
    expect((await raw(port, post("/en/staff/cases/C-2026-00001", { "content-length": 2 * MB }))).status).toBe(413);
    expect((await raw(port, post("/api/auth/callback/credentials", { "content-length": 2 * MB }))).status).toBe(413);
    expect(seen).toHaveLength(0);
    const small = Buffer.alloc(1000, 0x61);
    expect((await raw(port, post("/en/login", { "content-length": small.length }), small)).status).toBe(200);
    const report = Buffer.alloc(5 * MB, 0x61);
    expect((await raw(port, post("/en/report", { "content-length": report.length }), report)).status).toBe(200);
    expect(seen.map((s) => s.bytes)).toEqual([1000, 5 * MB]);
  });

  it("cuts off a chunked body once it passes the limit", async () => {
    const port = await serve([]);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const chunks = Array.from({ length: 12 }, () =>
      Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
    );
    const res = await raw(port, post("/en/login", { "transfer-encoding": "chunked" }), chunks);
    expect(res.status).toBe(413);
    expect(seen.length).toBeLessThanOrEqual(1);
    expect(seen[0]?.bytes ?? 0).toBeLessThanOrEqual(MB);
  });

  it("answers Expect: 100-continue with the refusal instead of Continue", async () => {
    const port = await serve([]);
    const res = await raw(port, post("/en/report", { "content-length": 500 * MB, expect: "100-continue" }));
    expect(res.status).toBe(413);
    expect(res.text).not.toContain("100 Continue");
  });
});

describe("report rate limit, before the body", () => {
  it("answers a form post from a limited address with the 429 page at once", async () => {
    const port = await serve([]);
    limited = true;
    const res = await raw(port, post("/en/report", { "content-length": 100 * MB }));
    expect(res.status).toBe(429);
    expect(res.text).toMatch(/retry-after: 3600/i);
    expect(res.text).toContain("Too many reports");
    expect(seen).toHaveLength(0);
  });

  it("lets a JavaScript submission from a limited address through only without uploads", async () => {
    const port = await serve([]);
    limited = true;
    const big = await raw(port, post("/en/report", { "content-length": 20 * MB, "next-action": "abc" }));
    expect(big.status).toBe(429);
    const body = Buffer.alloc(2000, 0x61);
    const small = await raw(port, post("/en/report", { "content-length": body.length, "next-action": "abc" }), body);
    expect(small.status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe("origins", () => {
  it("refuses a form or action from another site with a 403 page", async () => {
    const port = await serve([]);
    for (const origin of ["https://evil.example", "null", "http://localhost:3001"]) {
      const res = await raw(port, post("/en/login", { origin, "content-length": 0, "next-action": "x" }));
      expect(res.status, origin).toBe(403);
      expect(res.text).toContain("Form sent from another site");
    }
    // X-Forwarded-Host cannot make another origin look like ours.
    const spoofed = await raw(
      port,
      post("/en/login", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "content-length": 0 }),
    );
    expect(spoofed.status).toBe(403);
    expect(seen).toHaveLength(0);
  });

  it("accepts the configured origin, and tells Next.js the same host", async () => {
    const port = await serve([]);
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000"]) {
      expect((await raw(port, post("/en/login", { origin, "content-length": 0 }))).status).toBe(200);
    }
    expect(seen.map((s) => s.headers["x-forwarded-host"])).toEqual(["localhost:3000", "127.0.0.1:3000"]);
    // No Origin: not a browser, so no victim's cookies either.
    expect((await raw(port, post("/en/login", { "content-length": 0 }))).status).toBe(200);
  });

  it("takes APP_URL and ALLOWED_ORIGINS from the configuration", async () => {
    process.env.APP_URL = "https://cases.example.org/";
    process.env.ALLOWED_ORIGINS = "https://other.example.org";
    resetEnvCache();
    resetOriginCache();
    try {
      const port = await serve([]);
      const status = async (origin: string) =>
        (await raw(port, post("/en/login", { origin, "content-length": 0 }))).status;
      expect(await status("https://cases.example.org")).toBe(200);
      expect(await status("https://other.example.org")).toBe(200);
      expect(await status("http://localhost:3000")).toBe(403);
      expect(await status("http://cases.example.org")).toBe(403);
    } finally {
      delete process.env.APP_URL;
      delete process.env.ALLOWED_ORIGINS;
      resetEnvCache();
      resetOriginCache();
    }
  });
});

describe("client address", () => {
  const get = (headers: Record<string, string>) =>
    [
      "GET /en HTTP/1.1",
      "host: localhost:3000",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      "content-length: 0",
      "",
    ].join("\n");

  it("ignores a client's X-Forwarded-* unless it comes from a trusted proxy", async () => {
    const port = await serve([]);
    await raw(
      port,
      get({ "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" }),
    );
    const [s] = seen;
    expect(s!.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(s!.headers["x-forwarded-proto"]).toBe("http");
    expect(s!.headers["x-forwarded-host"]).toBeUndefined();
    expect(s!.fromEdge).toBe(true);
  });

  it("walks X-Forwarded-For through trusted proxies only", async () => {
    const port = await serve(["loopback", "10.0.0.0/8"]);
    const res = await raw(
      port,
      get({ "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.1.2.3", "x-forwarded-proto": "https" }),
    );
    expect(seen[0]!.headers["x-forwarded-for"]).toBe("198.51.100.4");
    expect(seen[0]!.headers["x-forwarded-proto"]).toBe("https");
    expect(res.text).toMatch(/strict-transport-security: max-age=31536000/i);
  });

  it("never sends HSTS over plain HTTP", async () => {
    const port = await serve(["loopback"]);
    const res = await raw(port, get({ "x-forwarded-for": "198.51.100.4" }));
    expect(res.text).not.toMatch(/strict-transport-security/i);
  });

  it("does not let a client forge the edge mark", async () => {
    const port = await serve([]);
    await raw(port, get({ [EDGE_HEADER]: "00".repeat(32), "x-forwarded-for": "203.0.113.7" }));
    expect(seen[0]!.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(isFromEdge({ [EDGE_HEADER]: "00".repeat(32) })).toBe(false);
    expect(isFromEdge({ [EDGE_HEADER]: "not hex" })).toBe(false);
  });
});
