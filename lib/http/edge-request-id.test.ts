import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { logger } from "@/lib/log";
import { catalogues } from "@/messages";
import { createEdge } from "./edge";
import { currentRequest, currentRequestId } from "./request-context";
import { compileTrust } from "./trusted-proxy";

// The gate in front of a stand-in for Next.js, on loopback: request ids, the
// access log line and the 503 for an unreachable database.
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: http.Server[] = [];
let seenIds: (string | undefined)[] = [];

async function serve(trust: string[], handler: Handler): Promise<string> {
  const edge = createEdge(
    (req, res) => {
      seenIds.push(currentRequestId());
      handler(req, res);
    },
    { trust: compileTrust(trust), reportLimited: async () => false },
  );
  const server = http.createServer(edge.onRequest);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ok: Handler = (req, res) => res.end(String(req.headers["x-request-id"]));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(() => {
  delete process.env.APP_URL;
  process.env.PORT = "3000";
  resetEnvCache();
});
afterEach(() => {
  seenIds = [];
  vi.restoreAllMocks();
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

describe("request ids", () => {
  it("gives every request a fresh id: response header, the app's header and its context agree", async () => {
    const base = await serve([], ok);
    const [a, b] = [await fetch(`${base}/en`), await fetch(`${base}/en`)];
    const ids = [a.headers.get("x-request-id"), b.headers.get("x-request-id")];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect([await a.text(), await b.text()]).toEqual(ids);
    expect(seenIds).toEqual(ids);
  });

  it("ignores an id sent by a client that is not a trusted proxy", async () => {
    const base = await serve([], ok);
    const res = await fetch(`${base}/en`, { headers: { "x-request-id": "chosen-by-the-client" } });
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  });

  it("keeps a trusted proxy's id, but only a well-formed one", async () => {
    const base = await serve(["loopback"], ok);
    const kept = await fetch(`${base}/en`, { headers: { "x-request-id": "lb-7f3a9c21.0001" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c21.0001");
    expect(await kept.text()).toBe("lb-7f3a9c21.0001");
    const odd = await fetch(`${base}/en`, { headers: { "x-request-id": "x y<script>" } });
    expect(odd.headers.get("x-request-id")).toMatch(UUID);
  });
});

describe("access log", () => {
  it("writes one line per request with method, path without the query, status, time and id", async () => {
    const info = vi.spyOn(logger(), "info");
    const base = await serve([], (_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    const res = await fetch(`${base}/en/lookup?q=13800138000`);
    const id = res.headers.get("x-request-id");
    await res.arrayBuffer();
    await vi.waitFor(() => expect(info).toHaveBeenCalledWith(expect.objectContaining({ reqId: id }), "request"));
    const [fields] = info.mock.calls.find(([, msg]) => msg === "request")!;
    expect(fields).toEqual({ reqId: id, method: "GET", path: "/en/lookup", status: 404, ms: expect.any(Number) });
    expect(JSON.stringify(info.mock.calls)).not.toContain("13800138000");
  });
});

describe("an unreachable database", () => {
  const failing: Handler = (_req, res) => {
    currentRequest()!.databaseUnavailable = true;
    res.statusCode = 500;
    res.setHeader("content-type", "text/html");
    res.write("<html><div hidden></div>");
    res.end("<script>render the error in the browser</script>");
  };

  it("answers a page load with the gate's own translated 503 page, naming the request", async () => {
    const base = await serve([], failing);
    for (const [locale, t] of [
      ["en", catalogues.en.errorPage],
      ["zh-CN", catalogues["zh-CN"].errorPage],
    ] as const) {
      const res = await fetch(`${base}/${locale}/staff/cases?status=open`);
      const html = await res.text();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(t.unavailableTitle);
      expect(html).toContain(res.headers.get("x-request-id"));
      expect(html).toContain(`<a href="/${locale}/staff/cases">${t.retry}</a>`);
      expect(html).not.toContain("render the error");
    }
  });

  it("keeps Next.js's answer, as 503, for client-side navigations and API routes", async () => {
    const base = await serve([], failing);
    const rsc = await fetch(`${base}/en/staff/cases`, { headers: { rsc: "1" } });
    expect(rsc.status).toBe(503);
    expect(await rsc.text()).toContain("render the error");
    const api = await fetch(`${base}/api/cases/C-1999-99999/export/pdf`);
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("5");
  });

  it("leaves other errors and successful answers alone", async () => {
    const base = await serve([], (req, res) => {
      if (req.url === "/ok") currentRequest()!.databaseUnavailable = true;
      res.writeHead(req.url === "/ok" ? 200 : 500).end("next");
    });
    const bug = await fetch(`${base}/bug`);
    expect(bug.status).toBe(500);
    expect(await bug.text()).toBe("next");
    expect((await fetch(`${base}/ok`)).status).toBe(200);
  });
});
