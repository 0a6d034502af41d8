/**
 * Several app servers on one PostgreSQL (issue 11): two production servers A
 * and B (scripts/serve.ts on the suite's build, own ports, own DATA_DIR, one
 * APP_SECRET; B as two cluster workers) on the suite's database, evidence on S3-compatible object
 * storage (s3rver, started here), so nothing is shared through a disk or a
 * process's memory. Runs on the PostgreSQL pass of `.ci/run` only: the
 * embedded database is served by one process, the suite's own server.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { startTestS3, type TestS3 } from "../test/s3-server";
import { evidenceFilesUnder, extraPorts, startAppServer, type AppServer } from "./app-servers";
import { fillReport, marker, messages, PNG_1PX } from "./fixtures";
import { createUser, expect, submitSignIn, test } from "./staff-fixtures";

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const WHY_SKIPPED =
  "two app servers need a PostgreSQL server (DATABASE_URL): the embedded database belongs to one process; `.ci/run` runs this on its PostgreSQL pass";
// The list reporter does not print a skip's reason: say it once where CI's log shows it.
if (!onPostgres && process.env.TEST_WORKER_INDEX === undefined)
  console.log(`two-servers.spec.ts skipped: ${WHY_SKIPPED}`);
test.skip(!onPostgres, WHY_SKIPPED);
test.describe.configure({ mode: "serial" });

const t = messages.en;
let s3: TestS3;
let a: AppServer;
let b: AppServer;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  s3 = await startTestS3({ bucket: "two-servers" });
  const shared = {
    ...s3.env,
    DATABASE_URL: process.env.DATABASE_URL!,
    // One secret for both (keyed hashes of addresses, session cookies), as a deployment sets it.
    APP_SECRET: randomBytes(32).toString("hex"),
    TRUST_PROXY: "1",
    REPORT_RATE_LIMIT: "3",
    LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: "3",
    // Keep the per-account delay out of the way: the (account, address) limit is what is summed here.
    LOGIN_ACCOUNT_DELAY_AFTER_FAILURES: "100",
  };
  const [portA, portB] = await extraPorts(2);
  // B is itself two processes (WEB_CONCURRENCY, node:cluster), as `npm start` runs on a multi-core machine.
  [a, b] = await Promise.all([
    startAppServer(portA!, shared),
    startAppServer(portB!, { ...shared, WEB_CONCURRENCY: "2" }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await s3?.close();
});

test.afterEach(async ({}, info) => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  if (info.status !== info.expectedStatus) {
    await info.attach("server A", { body: a?.output() ?? "" });
    await info.attach("server B", { body: b?.output() ?? "" });
  }
});

async function newPage(browser: Browser, ip: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  contexts.push(context);
  return context.newPage();
}

/** Submits a report through a server's form (JavaScript on); resolves to the receipt's reference. */
async function report(page: Page, server: AppServer, phone: string, evidence = false): Promise<string> {
  await page.goto(`${server.url}/en/report`);
  await fillReport(page, "en", { marker: marker(), phones: [phone], payments: [], evidence }, { js: true });
  await page.getByRole("button", { name: t.report.submit }).click();
  const receipt = page.getByRole("region", { name: t.receipt.title });
  await expect(receipt).toBeVisible();
  return ((await receipt.getByTestId("reference").textContent()) ?? "").trim();
}

const phone = () => `171${randomInt(10_000_000, 99_999_999)}`;

test("B runs as two worker processes on one port", async () => {
  const readyPids = () =>
    new Set([...b.output().matchAll(/"pid":(\d+)[^\n]*Ready on|Ready on[^\n]*"pid":(\d+)/g)].map((m) => m[1] ?? m[2]));
  await expect.poll(() => readyPids().size, { timeout: 120_000 }).toBe(2);
  expect(b.output()).toContain("Starting 2 web workers");
});

test("a report made on A is on B's board; its evidence, uploaded through A, downloads through B", async ({
  browser,
  db,
  ip,
}) => {
  const victim = await newPage(browser, ip);
  const number = phone();
  const reference = await report(victim, a, number, true);
  const stored = await db.report.findUniqueOrThrow({
    where: { reference },
    select: { case: { select: { number: true } }, evidence: { select: { id: true, storageKey: true, mime: true } } },
  });
  expect(stored.case?.number).toBeTruthy();
  expect(stored.evidence).toHaveLength(2);
  // In the bucket, not on either server's disk.
  expect(await s3.keys()).toEqual(expect.arrayContaining(stored.evidence.map((e) => e.storageKey)));
  expect([...evidenceFilesUnder(a.dataDir), ...evidenceFilesUnder(b.dataDir)]).toEqual([]);

  const user = await createUser(db, "investigator");
  const staff = await newPage(browser, ip);
  await staff.goto(`${b.url}/en/login`);
  await submitSignIn(staff, "en", user.email, user.password);
  await expect(staff).not.toHaveURL(/\/login/);
  await staff.goto(`${b.url}/en/staff/cases`);
  await staff.getByLabel(t.cases.search).fill(number);
  await staff.getByRole("button", { name: t.cases.searchButton }).click();
  await expect(
    staff.getByRole("region", { name: t.cases.searchResults }).getByRole("link", { name: stored.case!.number }),
  ).toBeVisible();

  const png = stored.evidence.find((e) => e.mime === "image/png")!;
  const download = await staff.request.get(`${b.url}/api/evidence/${png.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/png");
  expect(Buffer.from(await download.body()).equals(PNG_1PX)).toBe(true);
  expect(s3.requests.some((r) => r.method === "GET" && r.path.includes(png.storageKey))).toBe(true);
});

test("the report limit holds across both servers: 2 on A and 1 on B use up 3, the 4th is refused", async ({
  browser,
  ip,
}) => {
  const victim = await newPage(browser, ip);
  await report(victim, a, phone());
  await report(victim, b, phone());
  await report(victim, a, phone());
  for (const server of [a, b]) {
    await victim.goto(`${server.url}/en/report`);
    await fillReport(victim, "en", { marker: marker(), phones: [phone()], payments: [] }, { js: true });
    await victim.getByRole("button", { name: t.report.submit }).click();
    await expect(victim.getByRole("alert").filter({ hasText: t.errors.rateLimited })).toBeVisible();
  }
});

test("the sign-in throttle holds across both servers: 2 failures on A and 1 on B refuse the right password", async ({
  browser,
  db,
  ip,
}) => {
  const user = await createUser(db, "investigator");
  const page = await newPage(browser, ip);
  for (const server of [a, a, b]) {
    await page.goto(`${server.url}/en/login`);
    await submitSignIn(page, "en", user.email, "wrong password, tried on purpose");
    await expect(page.getByText(t.errors.loginInvalid)).toBeVisible();
  }
  // Three failures for this (account, address) in the window, whichever server counted them.
  for (const server of [b, a]) {
    await page.goto(`${server.url}/en/login`);
    await submitSignIn(page, "en", user.email, user.password);
    await expect(page.getByText(t.errors.loginThrottled.split("{")[0]!.trim())).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  }
});
