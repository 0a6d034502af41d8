/**
 * The case page without JavaScript. Its heavy sections stream (Suspense), and
 * without a script React leaves them hidden at the end of the document; so
 * the page sends such a browser to the same page rendered whole (?whole=1),
 * and until then shows the streamed sections below the case head in the
 * page's order with the "Loading…" placeholders hidden.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, messages, type Locale } from "./staff-fixtures";
import { importRing } from "./case-data";

/** The streamed sections appear in the page's order, below the title and lined up with it. */
async function expectSectionsInOrder(page: Page, locale: Locale, reports: number) {
  const t = messages[locale];
  const names = [
    t.cases.identifiers,
    t.requests.title,
    t.cases.graph,
    t.cases.timeline,
    t.bulletins.title,
    `${t.cases.reportList} (${reports})`,
    t.cases.decisions,
  ];
  const titleBox = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
  let above = titleBox.y;
  for (const name of names) {
    const section = page.getByRole("region", { name, exact: true });
    await expect(section).toBeVisible();
    const box = (await section.boundingBox())!;
    expect(box.y, name).toBeGreaterThan(above);
    expect(Math.abs(box.x - titleBox.x), name).toBeLessThanOrEqual(1);
    above = box.y;
  }
  await expect(page.getByText(t.cases.sectionLoading).filter({ visible: true })).toHaveCount(0);
}

for (const locale of ["zh-CN", "en"] as Locale[]) {
  test(`without JavaScript the case page comes whole, in order, and its forms post (${locale})`, async ({
    signedInAs,
    db,
  }) => {
    const t = messages[locale];
    const ring = await importRing(db, 3);
    const { page } = await signedInAs("investigator", locale, { javaScriptEnabled: false });
    await page.goto(`/${locale}/staff/cases/${ring.caseNumber}?identifiers=all`);
    await expect(page).toHaveURL(new RegExp(`/staff/cases/${ring.caseNumber}\\?identifiers=all&whole=1$`));
    await expectSectionsInOrder(page, locale, 3);
    // Rendered whole: no placeholders at all.
    expect(await page.getByText(t.cases.sectionLoading).count()).toBe(0);

    // A form of a streamed section posts without JavaScript, and the answer comes back whole.
    const text = `No-script bulletin ${randomUUID()}`;
    const bulletins = () => page.getByRole("region", { name: t.bulletins.title, exact: true });
    await bulletins().getByRole("form", { name: t.bulletins.newTitle }).getByLabel(t.bulletins.bodyEn).fill(text);
    await bulletins().getByRole("button", { name: t.bulletins.post }).click();
    await expect(bulletins().getByTestId("case-bulletin")).toContainText(text);
    // Straight back to the whole page, at the section (no refresh that would lose the anchor).
    await expect(page).toHaveURL(/[?&]whole=1#bulletins$/);
    expect(await db.caseBulletin.count({ where: { case: { number: ring.caseNumber }, bodyEn: text } })).toBe(1);

    // A link to another view of the page stays whole and lands at its section.
    const reports = page.getByRole("region", { name: `${t.cases.reportList} (3)`, exact: true });
    await reports.getByRole("link", { name: t.cases.showWhy }).first().click();
    await expect(page).toHaveURL(/\?why=R-[0-9-]+&whole=1#why$/);
    await expect(page.getByRole("region", { name: t.cases.identifiers, exact: true })).toBeVisible();
  });
}

test("without JavaScript, until the whole page arrives, the streamed page shows its sections in order", async ({
  signedInAs,
  db,
}) => {
  const ring = await importRing(db, 2);
  const { page } = await signedInAs("investigator", "en", { javaScriptEnabled: false });
  // The refresh to the whole page gets 204 No Content, so the browser stays on the streamed page.
  await page.route(/[?&]whole=1/, (route) => route.fulfill({ status: 204 }));
  await page.goto(`/en/staff/cases/${ring.caseNumber}`);
  await expectSectionsInOrder(page, "en", 2);
  // The placeholders are in the document, hidden.
  expect(await page.getByText(messages.en.cases.sectionLoading).count()).toBeGreaterThan(0);
});
