import Module, { createRequire } from "node:module";
import { randomInt, randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import type { Db } from "../lib/db/client";
import { formatMinor } from "../lib/vocab";
import { test, expect, messages, createUser, signIn, type Locale } from "./staff-fixtures";
import { seriousViolations } from "./axe";

/**
 * lib/interchange/import.ts is server code (`import "server-only"`, which
 * throws outside a react-server build). This test process only seeds the
 * database with it, so mark the guard as already loaded before importing.
 */
async function importer() {
  const require = createRequire(import.meta.url);
  const guard = require.resolve("server-only");
  const cached = require.cache[guard] ?? new Module(guard);
  if (!cached.loaded) {
    cached.exports = {};
    cached.loaded = true;
    require.cache[guard] = cached;
  }
  return (await import("../lib/interchange/import")).importReports;
}

interface Seed {
  year: number;
  platform: string;
  caseNumber: string;
}

/**
 * Three reports in a year no other test uses (2000–2025; the import refuses
 * dates before 2000 and in the future, other tests use 2026): two in March sharing
 * a scammer's phone (one case) on a platform only they name, one in August.
 * CNY 1,234.56 + 100.00 in March, 50.00 in August.
 */
async function seed(db: Db): Promise<Seed> {
  const year = randomInt(2000, 2026);
  const run = randomUUID().slice(0, 8);
  const platform = `Dash E2E Shop ${run}`;
  const scammer = `17${randomInt(100_000_000, 999_999_999)}`;
  const victim = () => `139${randomInt(10_000_000, 99_999_999)}`;
  const report = (id: string, fields: Record<string, unknown>) =>
    JSON.stringify({
      externalId: `DASH-E2E-${run}-${id}`,
      submittedAt: `${year}-12-31T10:00:00+08:00`,
      narrative: "dashboard e2e",
      ...fields,
    });
  const importReports = await importer();
  const s = await importReports(db, [
    report("a", {
      incidentDate: `${year}-03-10`,
      scamType: "courier_compensation",
      victim: { phone: victim(), province: "Zhejiang" },
      contacts: [{ kind: "phone", value: scammer }],
      payments: [{ amount: "1234.56", currency: "CNY" }],
      platforms: [{ name: platform, role: "impersonated" }],
    }),
    report("b", {
      incidentDate: `${year}-03-22`,
      scamType: "courier_compensation",
      victim: { phone: victim(), province: "Zhejiang" },
      contacts: [{ kind: "phone", value: scammer }],
      payments: [{ amount: "100.00", currency: "CNY" }],
      platforms: [{ name: platform, role: "impersonated" }],
    }),
    report("c", {
      incidentDate: `${year}-08-05`,
      scamType: "order_brushing",
      victim: { phone: victim(), province: "Sichuan" },
      payments: [{ amount: "50", currency: "CNY" }],
    }),
  ]);
  expect(s.imported).toBe(3);
  const a = await db.report.findUniqueOrThrow({
    where: { externalId: `DASH-E2E-${run}-a` },
    select: { case: { select: { number: true } } },
  });
  return { year, platform, caseNumber: a.case!.number };
}

const cny = (minor: bigint, locale: Locale) => formatMinor(minor, "CNY", locale);

function card(page: Page, title: string): Locator {
  return page.getByRole("region", { name: title });
}

/** Opens the card's table (a <details>) and returns it. */
async function table(page: Page, locale: Locale, title: string): Promise<Locator> {
  const c = card(page, title);
  await c.getByText(messages[locale].dashboard.showTable).click();
  const t = c.getByRole("table");
  await expect(t).toBeVisible();
  return t;
}

test.describe("staff dashboard", () => {
  let data: Seed;
  test.beforeAll(async ({ db }) => {
    data = await seed(db);
  });

  test("an investigator sees the four charts with their figures and narrows them by date", async ({ signedInAs }) => {
    const d = messages.en.dashboard;
    const { page } = await signedInAs("investigator");
    await page.goto("/en/staff");
    await page.getByRole("navigation").getByRole("link", { name: d.navLabel }).click();
    await expect(page.getByRole("heading", { level: 1, name: d.title })).toBeVisible();

    // The date form is a plain GET form.
    await page.getByLabel(d.filters.from).fill(`${data.year}-01-01`);
    await page.getByLabel(d.filters.to).fill(`${data.year}-12-31`);
    await page.getByRole("button", { name: d.filters.apply }).click();
    await expect(page).toHaveURL(new RegExp(`from=${data.year}-01-01&to=${data.year}-12-31`));

    for (const title of [d.months.title, d.scamTypes.title, d.platforms.title, d.provinces.title]) {
      await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
      // Drawn by recharts in the browser, labelled for screen readers.
      await expect(card(page, title).locator("div[role=img]")).toHaveAttribute("aria-label", new RegExp(title));
      await expect(card(page, title).locator(".recharts-wrapper")).toBeVisible();
    }
    const totals = page.getByRole("region", { name: d.totals.label });
    await expect(totals.getByRole("definition")).toHaveText([cny(138456n, "en"), "3", "3"]);

    const platforms = await table(page, "en", d.platforms.title);
    await expect(platforms.getByRole("row", { name: new RegExp(data.platform) }).getByRole("cell")).toHaveText([
      "2",
      cny(133456n, "en"),
    ]);
    const months = await table(page, "en", d.months.title);
    // March to August, the months between filled with zeros.
    await expect(months.getByRole("row")).toHaveCount(1 + 6);
    await expect(months.getByRole("row", { name: `Mar ${data.year}` }).getByRole("cell")).toHaveText([
      "2",
      "2",
      cny(133456n, "en"),
    ]);
    await expect(months.getByRole("row", { name: `Jun ${data.year}` }).getByRole("cell")).toHaveText([
      "0",
      "0",
      cny(0n, "en"),
    ]);

    // August only: one report, no platform named.
    await page.getByLabel(d.filters.from).fill(`${data.year}-08-01`);
    await page.getByLabel(d.filters.to).fill(`${data.year}-08-31`);
    await page.getByRole("button", { name: d.filters.apply }).click();
    await expect(totals.getByRole("definition")).toHaveText([cny(5000n, "en"), "1", "1"]);
    await expect(card(page, d.platforms.title).getByText(d.empty)).toBeVisible();
    const august = await table(page, "en", d.months.title);
    await expect(august.getByRole("row")).toHaveCount(2);
    await expect(august.getByRole("row", { name: `Aug ${data.year}` })).toBeVisible();
  });

  test("labels are translated (zh-CN): scam types and provinces", async ({ signedInAs }) => {
    const d = messages["zh-CN"].dashboard;
    const o = messages["zh-CN"].options;
    const { page } = await signedInAs("investigator", "zh-CN");
    await page.goto(`/zh-CN/staff/dashboard?from=${data.year}-03-01&to=${data.year}-03-31`);
    await expect(page.getByRole("heading", { level: 1, name: d.title })).toBeVisible();
    const types = await table(page, "zh-CN", d.scamTypes.title);
    await expect(types.getByRole("row", { name: o.scamType.courier_compensation }).getByRole("cell")).toHaveText([
      "2",
      cny(133456n, "zh-CN"),
    ]);
    const provinces = await table(page, "zh-CN", d.provinces.title);
    await expect(provinces.getByRole("row", { name: o.province.Zhejiang }).getByRole("cell")).toHaveText([
      "2",
      cny(133456n, "zh-CN"),
    ]);
  });

  test("without JavaScript the tables carry the figures", async ({ browser, db, ip }) => {
    const d = messages.en.dashboard;
    const user = await createUser(db, "investigator");
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": ip } });
    try {
      const page = await context.newPage();
      await signIn(page, user);
      await page.goto(`/en/staff/dashboard?from=${data.year}-01-01&to=${data.year}-12-31`);
      // (<noscript> notes are not rendered here: Playwright disables scripts, not the parser's scripting flag.)
      await expect(page.getByRole("heading", { level: 2, name: d.platforms.title })).toBeVisible();
      await expect(page.locator(".recharts-wrapper")).toHaveCount(0);
      const platforms = await table(page, "en", d.platforms.title);
      await expect(platforms.getByRole("row", { name: new RegExp(data.platform) })).toContainText(cny(133456n, "en"));
    } finally {
      await context.close();
    }
  });

  test("a liaison may not see it", async ({ signedInAs }) => {
    const { page } = await signedInAs("liaison");
    const response = await page.goto("/en/staff/dashboard");
    expect([403, 404]).toContain(response?.status());
    await expect(page.getByRole("heading", { level: 1, name: messages.en.dashboard.title })).toHaveCount(0);
  });

  for (const locale of ["en", "zh-CN"] as const) {
    test(`no serious accessibility violations, tables open (${locale})`, async ({ signedInAs }) => {
      const d = messages[locale].dashboard;
      const { page } = await signedInAs("admin", locale);
      await page.goto(`/${locale}/staff/dashboard?from=${data.year}-01-01&to=${data.year}-12-31`);
      for (const title of [d.months.title, d.scamTypes.title, d.platforms.title, d.provinces.title]) {
        await expect(card(page, title).locator(".recharts-wrapper")).toBeVisible();
        await table(page, locale, title);
      }
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test("the case page draws its link graph with cytoscape", async ({ signedInAs }) => {
    const { page } = await signedInAs("investigator");
    await page.goto(`/en/staff/cases/${data.caseNumber}`);
    const graph = page.locator("[role=img]").filter({ has: page.locator("canvas") });
    await expect(graph).toBeVisible();
    await expect(graph).toHaveAttribute("aria-label", /\S/);
    // The legend is plain HTML beside it.
    await expect(page.getByText(messages.en.caseGraph.bridge, { exact: true })).toBeVisible();
  });
});
