import type http from "node:http";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetOriginCache } from "./origin";
import { compileTrust } from "./trusted-proxy";
import { listenEdge, rawHttp } from "./test-support";

// The edge in front of a stand-in for Next.js that keeps the body it was given;
// the status sign-in check is a stub that records what it was asked.
let bodies: string[] = [];
let asked: [string | null, string][] = [];
let limitedRefs = new Set<string>();
let limitedIps = new Set<string>();
let failing = false;
const servers: http.Server[] = [];

function serve(lingerMs?: number): Promise<number> {
  return listenEdge(
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push(Buffer.concat(chunks).toString("utf8"));
        res.end("handled");
      });
    },
    {
      trust: compileTrust(["loopback"]),
      reportLimited: async () => false,
      lingerMs,
      statusLimited: async (reference, ip) => {
        asked.push([reference, ip]);
        if (failing) throw new Error("database down");
        return limitedIps.has(ip) || (reference !== null && limitedRefs.has(reference));
      },
    },
    servers,
  );
}

const raw = (port: number, head: string, body?: Buffer) =>
  rawHttp(port, head, body, { skipContinue: true, bodyEnd: /handled|<\/html>/ });

const IP = "198.51.100.23";

/** One kept-alive connection, as a browser holds it: each call sends a request and resolves with its answer. */
function connection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => undefined);
  let text = "";
  let waiting: ((r: { status: number; text: string }) => void) | null = null;
  socket.on("data", (d) => {
    text += d.toString("utf8");
    const end = text.indexOf("\r\n\r\n");
    if (end < 0 || !waiting) return;
    const length = /content-length: (\d+)/i.exec(text.slice(0, end));
    const chunked = /transfer-encoding: chunked/i.test(text.slice(0, end));
    if (length && Buffer.byteLength(text.slice(end + 4)) < Number(length[1])) return;
    if (chunked && !text.endsWith("0\r\n\r\n")) return;
    const done = waiting;
    waiting = null;
    const answer = { status: Number(text.split(" ")[1]), text };
    text = "";
    done(answer);
  });
  const closed = new Promise<void>((r) => socket.once("close", () => r()));
  return {
    send(head: string, body?: Buffer) {
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        waiting = resolve;
        closed.then(() => reject(new Error("connection closed")));
        socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
        if (body) socket.write(body);
      });
    },
    isOpen: () => !socket.destroyed && socket.readyState === "open",
    close: () => socket.destroy(),
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(path: string, headers: Record<string, string | number>): string {
  const all = { host: "localhost:3000", "x-forwarded-for": IP, ...headers };
  return [`POST ${path} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`), ""].join("\n");
}

/** The sign-in form as a browser without JavaScript sends it (multipart, React's action fields). */
function signInForm(reference: string): { body: Buffer; type: string } {
  const boundary = "----formdata-e2e-7f3a";
  const fields: [string, string][] = [
    ["$ACTION_REF_1", ""],
    ["$ACTION_KEY", "k1"],
    ["locale", "zh-CN"],
    ["reference", reference],
    ["pin", "12345678"],
  ];
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return {
    body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

beforeAll(() => {
  delete process.env.APP_URL;
  delete process.env.ALLOWED_ORIGINS;
  delete process.env.STATUS_PIN_WINDOW_MINUTES;
  process.env.PORT = "3000";
  resetEnvCache();
  resetOriginCache();
});
afterEach(() => {
  bodies = [];
  asked = [];
  limitedRefs = new Set();
  limitedIps = new Set();
  failing = false;
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

describe("status sign-in at the gate", () => {
  it("answers an address over its limit with the translated 429 page before the body", async () => {
    const port = await serve();
    limitedIps.add(IP);
    const res = await raw(
      port,
      post("/zh-CN/status", { "content-length": 500, "content-type": "multipart/form-data" }),
    );
    expect(res.status).toBe(429);
    expect(res.text).toMatch(/retry-after: 3600/i);
    expect(res.text).toContain("尝试次数过多");
    expect(res.text).toContain('href="/zh-CN/status"');
    expect(asked).toEqual([[null, IP]]);
    expect(bodies).toEqual([]);
  });

  it("answers a reference over its limit with 429, whatever the PIN, and hands nothing on", async () => {
    const port = await serve();
    limitedRefs.add("R-2026-000777");
    const form = signInForm("R-2026-000777");
    const res = await raw(
      port,
      post("/en/status", { "content-length": form.body.length, "content-type": form.type }),
      form.body,
    );
    expect(res.status).toBe(429);
    expect(res.text).toContain("Too many attempts");
    expect(asked).toEqual([
      [null, IP],
      ["R-2026-000777", IP],
    ]);
    expect(bodies).toEqual([]);
  });

  it("hands the body on untouched when neither is over its limit (multipart and urlencoded)", async () => {
    const port = await serve();
    const form = signInForm("R-2026-000001");
    const ok = await raw(
      port,
      post("/en/status/", { "content-length": form.body.length, "content-type": form.type }),
      form.body,
    );
    expect(ok.status).toBe(200);
    const plain = Buffer.from("reference=R-2026-000002&pin=1234");
    const ok2 = await raw(
      port,
      post("/zh-CN/status", {
        "content-length": plain.length,
        "content-type": "application/x-www-form-urlencoded",
        expect: "100-continue",
      }),
      plain,
    );
    expect(ok2.status).toBe(200);
    expect(bodies).toEqual([form.body.toString("utf8"), plain.toString("utf8")]);
    expect(asked.map(([r]) => r)).toEqual([null, "R-2026-000001", null, "R-2026-000002"]);
  });

  it("lets a JavaScript submission, other paths and a failing check through (the action checks again)", async () => {
    const port = await serve();
    limitedIps.add(IP);
    const form = signInForm("R-2026-000003");
    const head = (path: string, extra: Record<string, string> = {}) =>
      post(path, { "content-length": form.body.length, "content-type": form.type, ...extra });
    expect((await raw(port, head("/en/status", { "next-action": "abc" }), form.body)).status).toBe(200);
    expect((await raw(port, head("/en/status/report"), form.body)).status).toBe(200);
    expect(asked).toEqual([]);
    failing = true;
    expect((await raw(port, head("/en/status"), form.body)).status).toBe(200);
    expect(bodies).toHaveLength(3);
  });

  it("keeps the connection open after a 429: the browser's next request on it is answered once", async () => {
    // A short linger, then a pause past it: a connection still draining would be closed by now.
    const port = await serve(20);
    const c = connection(port);
    limitedRefs.add("R-2026-000777");
    const form = signInForm("R-2026-000777");
    const head = post("/en/status", { "content-length": form.body.length, "content-type": form.type });
    expect((await c.send(head, form.body)).status).toBe(429);
    limitedRefs.clear();
    limitedIps.add(IP);
    expect((await c.send(head, form.body)).status).toBe(429);
    await pause(100);
    expect(c.isOpen()).toBe(true);
    limitedIps.clear();
    expect((await c.send(head, form.body)).status).toBe(200);
    expect(bodies).toEqual([form.body.toString("utf8")]);
    c.close();
  });

  it("keeps the small-form body limit", async () => {
    const port = await serve();
    const res = await raw(port, post("/en/status", { "content-length": 2 * 1024 * 1024 }));
    expect(res.status).toBe(413);
    expect(asked).toEqual([]);
  });
});
