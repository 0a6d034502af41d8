/**
 * A bare `next start` (not scripts/serve.ts) in front of the same build and
 * database: it must not believe X-Forwarded-For, so a client cannot pick a
 * fresh rate-limit bucket per request; and the proxy still refuses forms from
 * other origins and sends the nonce policy.
 */
import net from "node:net";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { test, expect, fillReport, marker, messages } from "./fixtures";
import { countByNarrative } from "@/lib/pii/test-support";

let server: ChildProcess | undefined;
let base = "";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  base = `http://localhost:${port}`;
  const root = path.resolve(import.meta.dirname, "..");
  server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      // The e2e server's database: its embedded server, found through DATA_DIR, or DATABASE_URL.
      DATA_DIR: process.env.E2E_DATA_DIR,
      REPORT_RATE_LIMIT: "1",
      // Even if the operator says so: without scripts/serve.ts nobody can check the socket.
      TRUST_PROXY: "1",
    },
  });
  await expect
    .poll(async () => (await fetch(`${base}/en`).catch(() => undefined))?.status, { timeout: 90_000 })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("every client shares one limit: X-Forwarded-For picks no bucket of its own", async ({ browser, db }) => {
  const m = marker();
  const outcomes: number[] = [];
  for (const ip of ["203.0.113.71", "203.0.113.72"]) {
    const context = await browser.newContext({
      baseURL: base,
      javaScriptEnabled: false,
      extraHTTPHeaders: { "x-forwarded-for": ip },
    });
    const page = await context.newPage();
    await page.goto("/en/report");
    await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [] }, { js: false });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/en/report")),
      page.getByRole("button", { name: messages.en.report.submit }).click(),
    ]);
    outcomes.push(response.status());
    await context.close();
  }
  // The first report is taken; the second "address" is the same unknown client, over its limit of 1.
  expect(outcomes).toEqual([200, 429]);
  expect(await countByNarrative(db, m)).toBe(1);
});

test("forms from another origin are refused and pages carry the nonce policy", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: base });
  const refused = await request.post("/en/login", {
    headers: { origin: "https://attacker.example", "x-forwarded-host": "attacker.example" },
    multipart: { email: "a@b.c" },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain(messages.en.limits.crossSiteTitle);
  const page = await request.get("/en/report");
  expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
  await request.dispose();
});

test("a status sign-in for a reference over its wrong-PIN limit gets the 429 page from the proxy", async ({
  browser,
}) => {
  const t = messages.en.status;
  const reference = `R-2099-${String(Date.now() % 1_000_000).padStart(6, "0")}`;
  const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
  const page = await context.newPage();
  const attempt = async (pin: string) => {
    await page.goto("/en/status");
    await page.getByLabel(t.reference, { exact: true }).fill(reference);
    await page.getByLabel(t.pin, { exact: true }).fill(pin);
    const answer = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: t.submit }).click();
    return (await answer).status();
  };
  for (let i = 0; i < 10; i++) {
    expect(await attempt(`2000000${i}`)).toBe(200);
    await expect(page.locator("form [role=alert]")).toHaveText(t.wrong);
  }
  expect(await attempt("20000010")).toBe(429);
  await expect(page.getByRole("heading", { level: 1, name: messages.en.limits.tooManyPinTitle })).toBeVisible();
  await context.close();
});
