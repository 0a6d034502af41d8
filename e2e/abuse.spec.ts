import { test, expect, fillReport, marker, messages } from "./fixtures";
import { countByNarrative, reportIdsByNarrative } from "@/lib/pii/test-support";

// The e2e server runs with REPORT_RATE_LIMIT=3 (playwright.config.ts); each test
// has its own client address.
const LIMIT = 3;

async function submitMinimal(page: import("@playwright/test").Page, locale: "en" | "zh-CN", m: string) {
  await page.goto(`/${locale}/report`);
  await fillReport(page, locale, { marker: m, phones: ["17123456789"], payments: [] }, { js: false });
  return page.getByRole("button", { name: messages[locale].report.submit }).click();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("after the limit, a form post is answered with a 429 page", async ({ page, db }) => {
    const m = marker();
    for (let i = 0; i < LIMIT; i++) {
      await submitMinimal(page, "en", m);
      await expect(page.getByRole("region", { name: messages.en.receipt.title })).toBeVisible();
    }
    await page.goto("/en/report");
    await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [] }, { js: false });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/en/report")),
      page.getByRole("button", { name: messages.en.report.submit }).click(),
    ]);
    expect(response.status()).toBe(429);
    expect(response.headers()["retry-after"]).toBeTruthy();
    await expect(page.getByRole("heading", { name: messages.en.limits.tooManyTitle })).toBeVisible();
    expect(await countByNarrative(db, m)).toBe(LIMIT);
  });

  test("a filled honeypot is refused and stores nothing", async ({ page, db }) => {
    const m = marker();
    await page.goto("/zh-CN/report");
    await fillReport(page, "zh-CN", { marker: m, phones: ["17123456789"], payments: [] }, { js: false });
    // Bots fill every field; people never see this one.
    await page.locator('input[name="website"]').fill("http://spam.example");
    await page.getByRole("button", { name: messages["zh-CN"].report.submit }).click();
    await expect(page.getByRole("alert").filter({ hasText: messages["zh-CN"].errors.rateLimited })).toBeVisible();
    expect(await countByNarrative(db, m)).toBe(0);
    // The address is now refused outright.
    const res = await page.request.post("/zh-CN/report", { form: { narrative: "x" } });
    expect(res.status()).toBe(429);
  });
});

test("with JavaScript, the limit is shown in the page and nothing is stored", async ({ page, db }) => {
  const m = marker();
  for (let i = 0; i < LIMIT; i++) {
    await page.goto("/en/report");
    await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [] }, { js: true });
    await page.getByRole("button", { name: messages.en.report.submit }).click();
    await expect(page.getByRole("region", { name: messages.en.receipt.title })).toBeVisible();
  }
  await page.goto("/en/report");
  await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [] }, { js: true });
  await page.getByRole("button", { name: messages.en.report.submit }).click();
  await expect(page.getByRole("alert").filter({ hasText: messages.en.errors.rateLimited })).toBeVisible();
  await expect(page.getByLabel(messages.en.report.victimName)).toHaveValue("Li Na");
  expect(await countByNarrative(db, m)).toBe(LIMIT);
});

test("a file that is not really an image or PDF is refused, whatever its name", async ({ page, db }) => {
  const m = marker();
  await page.goto("/en/report");
  await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [] }, { js: true });
  await page
    .getByLabel(messages.en.report.evidence)
    .setInputFiles([
      { name: "receipt.png", mimeType: "image/png", buffer: Buffer.from("MZ this is an executable, not a picture") },
    ]);
  await page.getByRole("button", { name: messages.en.report.submit }).click();
  await expect(page.getByText('"receipt.png" is not an image or PDF.').first()).toBeVisible();
  expect(await countByNarrative(db, m)).toBe(0);
  expect(
    await db.evidence.count({
      where: { originalName: "receipt.png", reportId: { in: await reportIdsByNarrative(db, m) } },
    }),
  ).toBe(0);
});

test("an oversized body is refused with 413 and a clear page", async ({ request }) => {
  // Ten files of 10 MB plus the fields is the most a report can carry.
  const body = Buffer.alloc(103 * 1024 * 1024, 0x61);
  const res = await request.post("/en/report", {
    headers: { "content-type": "multipart/form-data; boundary=x" },
    data: body,
    failOnStatusCode: false,
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain(messages.en.limits.tooLargeTitle);
});
