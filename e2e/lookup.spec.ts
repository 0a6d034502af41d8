import AxeBuilder from "@axe-core/playwright";
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { test, expect, messages, type Locale } from "./fixtures";

/** Two recent reports naming one new mobile, spelled differently; returns the number. */
async function twoReports(db: Db): Promise<string> {
  const phone = `17${randomInt(100_000_000, 999_999_999)}`;
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const lines = [phone, `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`].map((value, k) =>
    JSON.stringify({
      externalId: `E2E-LOOKUP-${randomUUID()}`,
      submittedAt: day(5 + k),
      scamType: "courier_compensation",
      victim: { name: `Lookup Victim ${k}`, phone: `139${randomInt(10_000_000, 99_999_999)}` },
      contacts: [{ kind: "phone", value }],
    }),
  );
  const s = await importReports(db, lines);
  if (s.imported !== 2) throw new Error(`lookup import: ${JSON.stringify(s)}`);
  return phone;
}

async function lookUp(page: import("@playwright/test").Page, locale: Locale, q: string) {
  const t = messages[locale].lookup;
  await page.goto(`/${locale}/lookup`);
  await page.getByLabel(t.label).fill(q);
  await page.getByRole("button", { name: t.submit }).click();
  await expect(page.locator("#lookup-result")).toBeVisible();
}

test("three spellings of a reported number all show the reports, without victims' data (no JavaScript)", async ({
  browser,
  db,
  ip,
}) => {
  const phone = await twoReports(db);
  const ctx = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await ctx.newPage();
  const t = messages.en.lookup;
  for (const q of [phone, `0086 ${phone}`, `(+86) ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`]) {
    await lookUp(page, "en", q);
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(t.reportedTitle.replace("{count}", "2"));
    await expect(page.getByText("Lookup Victim")).toHaveCount(0);
  }
  await ctx.close();
});

test("95311 is the official ZTO Express number, with the call-back advice", async ({ page }) => {
  const t = messages["zh-CN"].lookup;
  await lookUp(page, "zh-CN", "95311");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(t.officialTitle.replace("{company}", "ZTO Express"));
  await expect(page.getByText(t.officialBody)).toBeVisible();
});

test("an unknown number: no reports, which does not mean it is safe", async ({ page }) => {
  const t = messages.en.lookup;
  await lookUp(page, "en", `199 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(t.noneTitle);
  await expect(page.getByText(t.noneBody)).toBeVisible();
});

test("the home page links to the lookup", async ({ page }) => {
  await page.goto("/en");
  await page.getByRole("link", { name: new RegExp(messages.en.lookup.homeCta) }).click();
  await expect(page.getByRole("heading", { level: 1, name: messages.en.lookup.title })).toBeVisible();
});

test("lookups past the per-address limit get a translated 429 page with Retry-After", async ({ request }) => {
  const url = `/zh-CN/lookup?q=${encodeURIComponent("138 0013 8000")}`;
  for (let k = 0; k < 30; k++) expect((await request.get(url)).status(), `lookup ${k + 1}`).toBe(200);
  const refused = await request.get(url);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused.text()).toContain(messages["zh-CN"].lookup.tooManyTitle);
  // The form itself (no query) is not counted.
  expect((await request.get("/zh-CN/lookup")).status()).toBe(200);
});

test("GET /api/lookup needs a key, answers like the page and is cacheable for a minute", async ({ request, db }) => {
  const phone = await twoReports(db);
  expect((await request.get(`/api/lookup?q=${phone}`)).status()).toBe(401);
  const { createHash } = await import("node:crypto");
  const key = `lk_${randomUUID().replace(/-/g, "")}`;
  await db.apiKey.create({
    data: {
      name: "e2e",
      keyHash: createHash("sha256").update(key).digest("hex"),
      prefix: key.slice(0, 9),
      ratePerMinute: 2,
    },
  });
  const get = () =>
    request.get(`/api/lookup?q=${encodeURIComponent(`0086${phone}`)}`, { headers: { authorization: `Bearer ${key}` } });
  const ok = await get();
  expect(ok.status()).toBe(200);
  expect(ok.headers()["cache-control"]).toBe("public, max-age=60");
  expect(await ok.json()).toMatchObject({ result: { kind: "reported", reports: 2 } });
  expect((await get()).status()).toBe(200);
  const limited = await get();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
});

for (const locale of ["zh-CN", "en"] as const) {
  for (const width of [390, 1280]) {
    test(`lookup page with an answer has no serious accessibility violations (${locale}, ${width}px)`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 900 });
      await lookUp(page, locale, "95311");
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => v.id)).toEqual([]);
    });
  }
}
