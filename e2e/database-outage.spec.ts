/**
 * PostgreSQL stops under traffic and comes back: the production server
 * (scripts/serve.ts on the built app) answers a clean, translated "please try
 * again" page with 503 (never a 500 or a stack trace), /api/ready answers 503
 * and /api/health 200; once the database is back the same process recovers
 * (pages 200, ready 200) without a restart. The database is a throwaway
 * cluster of this test's own (scripts/lib/throwaway-postgres.ts); skipped
 * where the PostgreSQL 15 server binaries are absent.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { createPrisma, type Db } from "../lib/db/client";
import { runMigrations } from "../lib/db/migrate";
import { filledReportForm } from "../scripts/lib/no-js-form";
import {
  startThrowawayPostgres,
  throwawayUnavailable,
  type ThrowawayPostgres,
} from "../scripts/lib/throwaway-postgres";
import pg from "pg";
import { e2eLogDir, seedPii } from "./pii";
import { createUser, expect, messages, signIn, test } from "./staff-fixtures";

const missing = throwawayUnavailable();
if (missing) console.log(`database-outage.spec.ts skipped: ${missing}`);
test.skip(!!missing, `needs its own PostgreSQL cluster: ${missing}`);
test.describe.configure({ mode: "serial" });

/** The ports this suite may use for servers of its own (E2E_PORT's neighbours on the lead's machine). */
const PORTS = [3223, 3224, 3225, 3226, 3227, 3228, 3229];

let cluster: ThrowawayPostgres | undefined;
let server: ChildProcess | undefined;
let base = "";
let seed: Db | undefined;

async function freeOf(ports: number[]): Promise<number> {
  for (const port of ports) {
    const probe = net.createServer();
    const free = await new Promise<boolean>((resolve) => {
      probe.once("error", () => resolve(false));
      probe.listen(port, "0.0.0.0", () => resolve(true));
    });
    if (free) {
      await new Promise((r) => probe.close(r));
      return port;
    }
  }
  throw new Error(`no free port among ${ports.join(", ")}`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startThrowawayPostgres();
  const c = new pg.Client(cluster.url("postgres"));
  await c.connect();
  await c.query("CREATE DATABASE outage");
  await c.end();
  const url = cluster.url("outage");
  await runMigrations(url, { quiet: true });
  seed = createPrisma(url, { max: 1 });

  const port = await freeOf(PORTS);
  base = `http://localhost:${port}`;
  const root = path.resolve(import.meta.dirname, "..");
  const dataDir = path.join(e2eLogDir(), "outage-data");
  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.createWriteStream(path.join(e2eLogDir(), "outage-server.log"), { flags: "a" });
  server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/serve.ts")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      EVIDENCE_DIR: path.join(dataDir, "evidence"),
      TRUST_PROXY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  await expect
    .poll(async () => (await fetch(`${base}/api/ready`).catch(() => undefined))?.status, { timeout: 90_000 })
    .toBe(200);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await seed?.$disconnect();
  await cluster?.destroy();
});

/** Requests the board over and over from `workers` clients until stopped; every status seen. */
function traffic(request: APIRequestContext, workers = 4) {
  const statuses: number[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) statuses.push((await request.get("/en/staff/cases", { maxRedirects: 0 })).status());
  });
  return {
    statuses,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The error page as a visitor without JavaScript gets it: status, translated text, the request id, nothing internal. */
async function expectTryAgainPage(request: APIRequestContext, locale: "en" | "zh-CN") {
  const res = await request.get(`/${locale}/staff/cases`, { maxRedirects: 0 });
  const html = await res.text();
  const id = res.headers()["x-request-id"]!;
  expect(res.status()).toBe(503);
  expect(res.headers()["retry-after"]).toBe("5");
  expect(html).toContain(messages[locale].errorPage.unavailableTitle);
  expect(html).toContain(messages[locale].errorPage.requestId);
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(html).toContain(id);
  for (const internal of ["ECONNREFUSED", "at async", "node_modules", "prisma", "57P01", "Internal Server Error"])
    expect(html).not.toContain(internal);
  // The id the visitor quotes finds the request in the server's log.
  await expect
    .poll(() => fs.readFileSync(path.join(e2eLogDir(), "outage-server.log"), "utf8"))
    .toMatch(new RegExp(`"reqId":"${id}","method":"GET","path":"/${locale}/staff/cases","status":503`));
}

test("the database stops under traffic: 503 'please try again' pages, ready 503, health 200; it comes back without a restart", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const user = await createUser(seed!, "investigator");
  const context: BrowserContext = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await signIn(page, user);
  const request = context.request;
  await page.goto("/en/staff/cases");
  await expect(page.getByRole("heading", { name: messages.en.cases.boardTitle })).toBeVisible();

  // Traffic, then the database goes away (fast shutdown: open connections are cut, as in a crash or restart).
  const load = traffic(request);
  await expect.poll(() => load.statuses.length).toBeGreaterThan(8);
  await cluster!.stop();
  await expect.poll(() => load.statuses.filter((s) => s === 503).length, { timeout: 30_000 }).toBeGreaterThan(8);
  await load.stop();
  expect(new Set(load.statuses)).toEqual(new Set([200, 503]));

  await expectTryAgainPage(request, "en");
  await expectTryAgainPage(request, "zh-CN");
  // With JavaScript, the same page.
  await page.goto("/en/staff/cases");
  await expect(page.getByRole("heading", { name: messages.en.errorPage.unavailableTitle })).toBeVisible();
  await expect(page.getByRole("link", { name: messages.en.errorPage.retry })).toHaveAttribute(
    "href",
    "/en/staff/cases",
  );

  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(503);
  expect(await ready.json()).toEqual({ status: "not_ready", reason: "database_unreachable" });
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);

  // A victim's report while the database is down: refused in the page with "try again", nothing half-stored.
  const form = await request.get("/en/report", { headers: { "x-forwarded-for": "203.0.113.90" } });
  if (form.status() === 200) {
    const body = filledReportForm(await form.text(), {
      narrative: seedPii("Outage test: the caller offered a refund for a lost parcel."),
      scammerPhone: "17012345678",
      amount: "100",
      payeeAccount: "6222020200112233445",
      payeeName: "Outage Payee",
      victimPhone: seedPii("139 1234 5678"),
    });
    const posted = await request.post("/en/report", {
      multipart: body,
      headers: { origin: base, "x-forwarded-for": "203.0.113.90" },
      maxRedirects: 0,
    });
    expect([200, 503]).toContain(posted.status());
    expect(await posted.text()).toContain(messages.en.errors.databaseUnavailable);
  } else {
    expect(form.status()).toBe(503);
  }

  // Back again: the same server process answers normally once its pool reconnects.
  await cluster!.start();
  await expect.poll(async () => (await request.get("/api/ready")).status(), { timeout: 30_000 }).toBe(200);
  const board = await request.get("/en/staff/cases", { maxRedirects: 0 });
  expect(board.status()).toBe(200);
  await page.goto("/en/staff/cases");
  await expect(page.getByRole("heading", { name: messages.en.cases.boardTitle })).toBeVisible();
  // The throwaway database had no reports, so none from the outage either (narratives are
  // stored encrypted with the server's key, ADR 0015: counting them all needs no key).
  expect(await seed!.report.count()).toBe(0);
  await context.close();
});
