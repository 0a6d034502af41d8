/**
 * The HTTP boundary (docs/decisions/0010-http-boundary.md): the headers of
 * every kind of response, and refusals that come before the body is read.
 */
import net from "node:net";
import { createHash } from "node:crypto";
import type { APIResponse, Browser, Response } from "@playwright/test";
import { test, expect, messages } from "./staff-fixtures";
import { fillReport, marker } from "./fixtures";
import { importRing, someEvidence } from "./case-data";

const MB = 1024 * 1024;

function directives(csp: string | undefined): Map<string, string[]> {
  expect(csp, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    csp!.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

function expectStaticHeaders(headers: Record<string, string>) {
  for (const [k, v] of Object.entries(STATIC_HEADERS)) expect(headers[k], k).toBe(v);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  // Plain HTTP on localhost: never HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** A page: a nonce-based policy, and that nonce on every script in the HTML. */
async function expectPagePolicy(res: Response | APIResponse | null, status: number) {
  expect(res, "a response").toBeTruthy();
  expect(res!.status()).toBe(status);
  const headers = res!.headers();
  expectStaticHeaders(headers);
  const csp = directives(headers["content-security-policy"]);
  const scriptSrc = csp.get("script-src")!;
  const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(scriptSrc.find((s) => s.startsWith("'nonce-")) ?? "")?.[1];
  expect(nonce, "script-src nonce").toBeTruthy();
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc.join(" ")).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp.get("script-src-attr")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
  expect(headers["content-type"]).toContain("text/html");
  const html = await res!.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, "scripts in the page").toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // No inline event handlers in the markup.
  expect(html).not.toMatch(/<[^>]+\son[a-z]+=["']/i);
  return nonce!;
}

/** A refusal page of the boundary: no scripts, only its own style (by hash). */
async function expectRefusalPolicy(res: APIResponse, status: number, title: string) {
  expect(res.status()).toBe(status);
  const headers = res.headers();
  expectStaticHeaders(headers);
  const csp = directives(headers["content-security-policy"]);
  expect(csp.get("default-src")).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  const html = await res.text();
  expect(html).toContain(title);
  expect(html).not.toContain("<script");
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const hash = createHash("sha256").update(style).digest("base64");
  expect(csp.get("style-src")).toEqual([`'sha256-${hash}'`]);
}

/** Fills the honeypot once from `ip`: the address is then over the report limit for the window. */
async function blockAddress(browser: Browser, ip: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": ip } });
  try {
    const page = await context.newPage();
    await page.goto("/en/report");
    await fillReport(page, "en", { marker: marker(), phones: ["17123456789"], payments: [] }, { js: false });
    await page.locator('input[name="website"]').fill("http://spam.example");
    await page.getByRole("button", { name: messages.en.report.submit }).click();
    await expect(page.getByRole("alert").filter({ hasText: messages.en.errors.rateLimited })).toBeVisible();
  } finally {
    await context.close();
  }
}

/** Sends request headers only (no body) over a raw socket; resolves with the response head. */
function headersOnly(baseURL: string, head: string[]): Promise<string> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer while the body was still unsent"));
    }, 10_000);
    socket.on("error", reject);
    socket.on("data", (d) => {
      text += d.toString("utf8");
      if (text.includes("\r\n\r\n")) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      }
    });
    socket.write([...head, `host: ${new URL(baseURL).host}`, "", ""].join("\r\n"));
  });
}

test.describe("headers of every page type", () => {
  test("public pages and sign-in: a fresh nonce per request on every script", async ({ request }) => {
    const first = await expectPagePolicy(await request.get("/en/report"), 200);
    const second = await expectPagePolicy(await request.get("/en/report"), 200);
    expect(first).not.toBe(second);
    await expectPagePolicy(await request.get("/zh-CN"), 200);
    await expectPagePolicy(await request.get("/zh-CN/login"), 200);
  });

  test("staff pages, signed in", async ({ signedInAs, db }) => {
    const ring = await importRing(db, 2);
    const { page } = await signedInAs("admin");
    for (const path of [
      "/en/staff/cases",
      `/en/staff/cases/${ring.caseNumber}`,
      "/en/staff/dashboard",
      "/en/staff/admin/users",
      "/zh-CN/staff/admin/audit",
    ]) {
      await expectPagePolicy(await page.goto(path), 200);
    }
  });

  test("not found (in and outside a language) and forbidden pages", async ({ request, signedInAs }) => {
    await expectPagePolicy(await request.get("/en/no-such-page"), 404);
    await expectPagePolicy(await request.get("/no-such-file.php"), 404);
    const { page } = await signedInAs("investigator");
    const forbidden = await page.goto("/en/staff/admin/users");
    await expectPagePolicy(forbidden, 403);
    await expect(page.getByRole("heading", { name: messages.en.staff.forbidden.title })).toBeVisible();
  });

  test("the boundary's own 413, 429 and 403 pages", async ({ request, browser, ip }) => {
    const large = await request.post("/en/login", {
      multipart: { file: { name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(2 * MB, 0x61) } },
    });
    await expectRefusalPolicy(large, 413, messages.en.limits.tooLargeTitle);

    await blockAddress(browser, ip);
    const many = await request.post("/en/report", { multipart: { narrative: "x" } });
    await expectRefusalPolicy(many, 429, messages.en.limits.tooManyTitle);
    expect(many.headers()["retry-after"]).toBeTruthy();

    const crossSite = await request.post("/zh-CN/login", {
      headers: { origin: "https://attacker.example" },
      multipart: { email: "a@b.c" },
    });
    await expectRefusalPolicy(crossSite, 403, messages["zh-CN"].limits.crossSiteTitle);
  });

  test("API routes and evidence downloads: nothing in them may run", async ({ request, signedInAs, db }) => {
    const anonymous = await request.get("/api/audit/export?format=csv");
    expect(anonymous.status()).toBe(401);
    expectStaticHeaders(anonymous.headers());
    expect(directives(anonymous.headers()["content-security-policy"]).get("default-src")).toEqual(["'none'"]);

    const evidence = await someEvidence(db);
    const { page } = await signedInAs("investigator");
    const download = await page.request.get(`/api/evidence/${evidence.id}`);
    expect(download.status()).toBe(200);
    const h = download.headers();
    expectStaticHeaders(h);
    expect(h["content-disposition"]).toMatch(/^attachment;/);
    const csp = directives(h["content-security-policy"]);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    // Even opened in a tab, the file is an opaque, script-less document.
    expect(csp.has("sandbox")).toBe(true);
  });
});

test.describe("refused before the body", () => {
  test("a report larger than the allowance is refused on its Content-Length, with no body sent", async ({
    baseURL,
  }) => {
    const head = await headersOnly(baseURL!, [
      "POST /en/report HTTP/1.1",
      `content-length: ${200 * MB}`,
      "content-type: multipart/form-data; boundary=x",
    ]);
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
  });

  test("an address over the report limit gets 429 before sending its body", async ({ baseURL, browser, ip }) => {
    await blockAddress(browser, ip);
    for (const extra of [[], ["next-action: 7f0000000000000000000000000000000000000000"]]) {
      const head = await headersOnly(baseURL!, [
        "POST /en/report HTTP/1.1",
        `x-forwarded-for: ${ip}`,
        `content-length: ${100 * MB}`,
        "content-type: multipart/form-data; boundary=x",
        ...extra,
      ]);
      expect(head).toMatch(/^HTTP\/1\.1 429 /);
      expect(head).toMatch(/retry-after: \d+/i);
    }
  });

  test("sign-in and staff actions take at most 1 MB", async ({ baseURL, request }) => {
    for (const path of ["/en/login", "/en/staff/cases/C-2026-00001"]) {
      const head = await headersOnly(baseURL!, [
        `POST ${path} HTTP/1.1`,
        `content-length: ${2 * MB}`,
        "content-type: multipart/form-data; boundary=x",
      ]);
      expect(head, path).toMatch(/^HTTP\/1\.1 413 /);
    }
    // Sent whole, as a server action (JavaScript) would.
    const res = await request.post("/en/login", {
      headers: { "next-action": "7f0000000000000000000000000000000000000000" },
      multipart: { "1_email": "a@b.c", "1_password": "x".repeat(2 * MB) },
    });
    expect(res.status()).toBe(413);
    // The report form keeps its allowance: the server asks for the body.
    const report = await headersOnly(baseURL!, [
      "POST /en/report HTTP/1.1",
      `content-length: ${50 * MB}`,
      "content-type: multipart/form-data; boundary=x",
      "expect: 100-continue",
    ]);
    expect(report).toMatch(/^HTTP\/1\.1 100 Continue/);
  });

  test("a server action posted from another site is a 403, not a 500, and does nothing", async ({
    request,
    baseURL,
    makeUser,
    db,
  }) => {
    const user = await makeUser("investigator");
    // The sign-in form as a browser without JavaScript would post it.
    const html = await (await request.get("/en/login")).text();
    const decode = (v: string) => v.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [
        m[1]!,
        decode(m[2] ?? ""),
      ]),
    );
    const actionId = /"id":"([0-9a-f]+)"/.exec(hidden["$ACTION_1:0"] ?? "")?.[1];
    expect(actionId, "the sign-in form's action id").toBeTruthy();
    const form = { ...hidden, email: user.email, password: user.password };
    const successes = () => db.auditEvent.count({ where: { actorId: user.id, action: "auth.login.success" } });

    const attempts: Record<string, string>[] = [
      { origin: "https://attacker.example" },
      // Claiming to be the attacker's host does not make its origin ours.
      { origin: "https://attacker.example", "x-forwarded-host": "attacker.example" },
      { origin: "null" },
      // The same as a JavaScript (fetch) action.
      { origin: "https://attacker.example", "next-action": actionId!, accept: "text/x-component" },
    ];
    for (const headers of attempts) {
      const res = await request.post("/en/login", { headers, multipart: form, maxRedirects: 0 });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain(messages.en.limits.crossSiteTitle);
    }
    expect(await successes()).toBe(0);

    // From our own origin the very same post signs in.
    const ok = await request.post("/en/login", {
      headers: { origin: new URL(baseURL!).origin },
      multipart: form,
      maxRedirects: 0,
    });
    expect(ok.status()).toBeLessThan(400);
    expect(await successes()).toBe(1);
  });
});
