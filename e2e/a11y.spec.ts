import { test, expect, messages, fillReport, marker } from "./fixtures";
import { seriousViolations } from "./axe";

/** A phone (iPhone 12–15 class) and a laptop. */
const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/** The public pages a visitor reaches without a report or a sign-in (the not-found page included). */
const PUBLIC_PAGES = ["", "/report", "/lookup", "/lookup?q=95311", "/login", "/no-such-page"] as const;

for (const locale of ["zh-CN", "en"] as const) {
  for (const size of WIDTHS) {
    test(`public pages have no serious accessibility violations at ${size.name} width (${locale})`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      for (const path of PUBLIC_PAGES) {
        await page.goto(`/${locale}${path}`);
        await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
        expect(await page.title(), path).not.toBe("");
        expect(await seriousViolations(page), path).toEqual([]);
      }
      // The report form with every error shown.
      await page.goto(`/${locale}/report`);
      await page.getByRole("button", { name: messages[locale].report.submit }).click();
      await expect(page.getByRole("alert").first()).toBeVisible();
      expect(await seriousViolations(page), "report with errors").toEqual([]);
    });
  }

  test(`the receipt has no serious accessibility violations at phone and desktop widths (${locale})`, async ({
    page,
  }) => {
    await page.setViewportSize(WIDTHS[0]);
    await page.goto(`/${locale}/report`);
    await fillReport(page, locale, { marker: marker(), phones: ["17123456789"], payments: [] }, { js: true });
    await page.getByRole("button", { name: messages[locale].report.submit }).click();
    await expect(page.getByTestId("receipt")).toBeVisible();
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      expect(await seriousViolations(page), size.name).toEqual([]);
    }
  });
}

test("the not-found page has a title in both languages", async ({ page }) => {
  for (const path of ["/no-such-page", "/en/no-such-page", "/zh-CN/no-such-page"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    expect(await page.title(), path).toBe(`${messages["zh-CN"].notFound.title} · ${messages.en.notFound.title}`);
    await expect(page.locator("title"), path).toHaveCount(1);
  }
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
