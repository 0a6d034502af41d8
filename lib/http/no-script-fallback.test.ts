import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
// The compression middleware Next.js itself wraps every response in (shipped without types).
// @ts-expect-error -- no declaration file; called as compression()(req, res, next)
import compression from "next/dist/compiled/compression";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import errorEn from "@/messages/ops/error-page.en.json";
import { addNoScriptToErrorShells, withNoScript } from "./no-script-fallback";
import { REQUEST_ID_HEADER } from "./request-context";

const SHELL =
  '<!DOCTYPE html><html id="__next_error__"><head><title>x</title></head><body><div hidden=""></div><script>self.__next_f=[]</script></body></html>';
const PAGE = '<!DOCTYPE html><html lang="en"><head></head><body><main>Case C-2026-00001</main></body></html>';

let server: http.Server | null = null;
afterEach(() => server?.close());

/** A server answering as Next.js does: compressed, in several writes, status and type set before the first. */
async function serve(status: number, body: string, type = "text/html; charset=utf-8") {
  const gzip = compression();
  server = http.createServer((req, res) => {
    res.setHeader(REQUEST_ID_HEADER, "req-123");
    addNoScriptToErrorShells(req, res, new URL(req.url!, "http://x").pathname);
    gzip(req as never, res as never, () => {
      res.statusCode = status;
      res.setHeader("content-type", type);
      const half = Math.floor(body.length / 2);
      res.write(body.slice(0, half));
      res.end(body.slice(half));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** The raw bytes and headers, decoded by hand: what a browser receives. */
function get(url: string, method = "GET", encoding = "gzip") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method, headers: { "accept-encoding": encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw) : raw;
        resolve({ status: res.statusCode!, headers: res.headers, body: body.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the error shell gets its words for browsers without JavaScript", () => {
  it("a 404 shell: the not-found page in both languages right after <body>, still compressed", async () => {
    const origin = await serve(404, SHELL + " ".repeat(2000));
    const res = await get(`${origin}/en/staff/cases/C-2026-99999`);
    expect(res.status).toBe(404);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.body).toContain(`<body><noscript><main id="main"><h1>${zh.notFound.title} · `);
    expect(res.body).toContain(en.notFound.body);
    expect(res.body.replace(/<noscript>.*<\/noscript>/, "")).toBe(SHELL + " ".repeat(2000));
  });

  it("a 403 shell says 'no access' in the address's language; uncompressed when the browser asks so", async () => {
    const origin = await serve(403, SHELL);
    const res = await get(`${origin}/en/portal/requests/R-1`, "GET", "identity");
    expect(res.status).toBe(403);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body).toContain(`<h1>${en.staff.forbidden.title}</h1>`);
    expect(res.body).toContain('<a href="/en">');
    const zhRes = await get(`${origin}/zh-CN/staff/cases/C-1`);
    expect(zhRes.body).toContain(`<h1>${zh.staff.forbidden.title}</h1>`);
  });

  it("a 500 shell names the request and links back to the page", async () => {
    const origin = await serve(500, SHELL);
    const res = await get(`${origin}/en/staff/cases/C-2026-00001`);
    expect(res.status).toBe(500);
    expect(res.body).toContain(`${errorEn.errorPage.requestId} <code>req-123</code>`);
    expect(res.body).toContain(`<a href="/en/staff/cases/C-2026-00001">${errorEn.errorPage.retry}</a>`);
  });

  it("leaves everything else as it was: pages, a 404 that is not the shell, other types, HEAD", async () => {
    for (const [status, body, type] of [
      [200, SHELL, "text/html; charset=utf-8"],
      [404, PAGE, "text/html; charset=utf-8"],
      [404, '{"error":"notFound"}', "application/json"],
    ] as const) {
      const origin = await serve(status, body, type);
      const res = await get(`${origin}/en/x`);
      expect([res.status, res.body]).toEqual([status, body]);
      server!.close();
    }
    const origin = await serve(404, SHELL);
    const head = await get(`${origin}/en/x`, "HEAD");
    expect([head.status, head.body]).toEqual([404, ""]);
  });
});

describe("withNoScript", () => {
  it("links only to our own pages", () => {
    const html = withNoScript(SHELL, 500, "//evil.example/en", "id")!;
    expect(html).not.toContain("evil.example");
    expect(html).toContain('<a href="/zh-CN">');
  });

  it("escapes the request id and changes nothing but the shell", () => {
    expect(withNoScript(SHELL, 500, "/en/x", '<b>"')).toContain("&lt;b&gt;&quot;");
    expect(withNoScript(PAGE, 404, "/en/x")).toBeNull();
  });
});
