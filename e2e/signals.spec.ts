import { test, expect, messages, createUser, signIn, type Locale } from "./staff-fixtures";
import { importRing } from "./case-data";
import type { Db } from "../lib/db/client";
import { seriousViolations } from "./axe";

/** Five victims of one ring named one shop as leaked within five days: a signal. With `org`, the shop is an organisation. */
async function signalledShop(db: Db, org: boolean) {
  const ring = await importRing(db, 5);
  const { id } = await db.platform.findFirstOrThrow({ where: { name: ring.platform }, select: { id: true } });
  if (org) await db.organisation.create({ data: { name: `${ring.platform} Ltd`, kind: "platform", platformId: id } });
  return { ...ring, platformId: id };
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

for (const locale of ["en", "zh-CN"] as const) {
  test(`platform signals: the table at phone and desktop widths, and a data-leak notice in one step (${locale})`, async ({
    signedInAs,
    db,
  }) => {
    const t = messages[locale].signals;
    const shop = await signalledShop(db, true);
    const orphan = await signalledShop(db, false);
    const { page } = await signedInAs("investigator", locale);
    await page.goto(`/${locale}/staff`);
    await page.getByRole("navigation").getByRole("link", { name: t.navLabel }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    const table = page.getByRole("table", { name: t.caption });
    await expect(table.getByRole("columnheader", { name: t.colVictims })).toBeVisible();

    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: shop.platform }) });
    await expect(row.getByRole("cell").nth(0)).toHaveText("5");
    await expect(row.getByRole("cell").nth(1)).toHaveText("5");
    await expect(row.getByRole("link", { name: shop.caseNumber })).toHaveAttribute(
      "href",
      `/${locale}/staff/cases/${shop.caseNumber}`,
    );
    const orphanRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: orphan.platform }) });
    await expect(orphanRow.getByText(t.noOrganisation)).toBeVisible();
    await expect(orphanRow.getByRole("button", { name: t.send })).toHaveCount(0);

    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await expect(row.getByRole("button", { name: t.send })).toBeAttached();
      expect(await seriousViolations(page), `${size.width}px`).toEqual([]);
      // The table scrolls inside its frame; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${size.width}px`).toBeLessThanOrEqual(
        size.width,
      );
    }

    await row.getByRole("button", { name: t.send }).click();
    const status = page.getByRole("main").getByRole("status");
    await expect(status).toContainText(t.created.split("{number}")[0]!.trim());
    const notice = await db.liaisonRequest.findFirstOrThrow({
      where: { platformId: shop.platformId, kind: "data_leak_notice" },
      select: { number: true, status: true, disclosures: true, case: { select: { number: true } } },
    });
    expect(notice).toMatchObject({ status: "sent", disclosures: [], case: { number: shop.caseNumber } });
    await expect(status).toContainText(notice.number);
    // The open notice is shown, and no second one is offered.
    const after = page
      .getByRole("table", { name: t.caption })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: shop.platform }) });
    await expect(after).toContainText(notice.number);
    await expect(after.getByRole("button", { name: t.send })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("platform signals work without JavaScript", async ({ browser, db, ip }) => {
  const locale: Locale = "zh-CN";
  const t = messages[locale].signals;
  const shop = await signalledShop(db, true);
  const user = await createUser(db, "investigator");
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await context.newPage();
  await signIn(page, user, locale);
  await page.goto(`/${locale}/staff/signals`);
  const row = page
    .getByRole("table", { name: t.caption })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: shop.platform }) });
  await row.getByRole("button", { name: t.send }).click();
  await expect(page.getByRole("main").getByRole("status")).toBeVisible();
  expect(await db.liaisonRequest.count({ where: { platformId: shop.platformId, kind: "data_leak_notice" } })).toBe(1);
  await context.close();
});
