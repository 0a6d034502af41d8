import AxeBuilder from "@axe-core/playwright";
import { test, expect, messages } from "./fixtures";

async function seriousViolations(page: import("@playwright/test").Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`report form has no serious accessibility violations (${locale})`, async ({ page }) => {
    await page.goto(`/${locale}/report`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`report form with errors shown has no serious accessibility violations (${locale})`, async ({ page }) => {
    await page.goto(`/${locale}/report`);
    await page.getByRole("button", { name: messages[locale].report.submit }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`home page has no serious accessibility violations (${locale})`, async ({ page }) => {
    await page.goto(`/${locale}`);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("the receipt has no serious accessibility violations", async ({ page }) => {
  await page.goto("/en/report");
  const { fillReport, marker } = await import("./fixtures");
  await fillReport(page, "en", { marker: marker(), phones: ["17123456789"], payments: [] }, { js: true });
  await page.getByRole("button", { name: messages.en.report.submit }).click();
  await expect(page.getByTestId("receipt")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the language is chosen from the browser and can be switched without JavaScript", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/en$/);
  await page.getByRole("link", { name: messages.en.home.reportCta }).click();
  await expect(page).toHaveURL(/\/en\/report$/);
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page).toHaveURL(/\/zh-CN\/report$/);
  await expect(page.getByRole("heading", { level: 1, name: messages["zh-CN"].report.title })).toBeVisible();
  await ctx.close();
});
