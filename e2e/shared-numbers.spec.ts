import { test, expect, messages } from "./staff-fixtures";
import { importSharedLandline } from "./case-data";
import { seriousViolations } from "./axe";

/** "0755-2345 6789" as the app shows it. */
const display = (typed: string) => `+86 755 ${typed.slice(5, 9)} ${typed.slice(9)}`;

for (const locale of ["en", "zh-CN"] as const) {
  test(`the review queue shows a held number; marking it official lists it and the case page says so (${locale})`, async ({
    signedInAs,
    db,
  }) => {
    const m = messages[locale];
    const t = m.sharedNumbers;
    const sn = await importSharedLandline(db);
    expect(new Set(sn.caseNumbers).size).toBe(2); // the guard kept the two rings apart
    const { page } = await signedInAs("investigator", locale);

    // From a case page: the number is marked held, with a link to the queue.
    await page.goto(`/${locale}/staff/cases/${sn.caseNumbers[0]}`);
    const row = page.getByRole("row").filter({ hasText: display(sn.typed) });
    await expect(row.getByText(m.cases.sharedNumberHeld)).toBeVisible();
    await row.getByRole("link", { name: m.cases.sharedNumberReview }).click();

    const item = page.getByRole("article", { name: display(sn.typed) });
    await expect(item).toBeVisible();
    await expect(item.getByText(t.status_held)).toBeVisible();
    for (const number of sn.caseNumbers) await expect(item.getByRole("link", { name: number })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Without a reason nothing is saved (the browser would stop it first; a script would not).
    const officialForm = item.locator("form").filter({ has: page.getByRole("button", { name: t.decideOfficial }) });
    await officialForm.getByLabel(t.label).fill("Shop customer service");
    await officialForm.evaluate((f: HTMLFormElement) => (f.noValidate = true));
    await officialForm.getByRole("button", { name: t.decideOfficial }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(m.errors.reasonRequired);
    expect(
      (await db.sharedNumber.findUniqueOrThrow({ where: { id: sn.sharedNumberId }, select: { status: true } })).status,
    ).toBe("held");

    const form = page
      .getByRole("article", { name: display(sn.typed) })
      .locator("form")
      .filter({ has: page.getByRole("button", { name: t.decideOfficial }) });
    await form.getByLabel(t.label).fill("Shop customer service");
    await form.getByLabel(t.reason).fill("A shop's hotline victims rang");
    await form.getByRole("button", { name: t.decideOfficial }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(t.done_official);

    await page
      .getByRole("link", { name: new RegExp(`^${t.tabDecided.split("{count}")[0]!.replace(/[()]/g, "\\$&")}`) })
      .click();
    const decided = page.getByRole("article", { name: display(sn.typed) });
    await expect(decided.getByText(t.status_official)).toBeVisible();
    await expect(decided).toContainText("Shop customer service");
    const entry = await db.warningListEntry.findFirst({
      where: { kind: "phone", value: `+86${sn.typed.replace(/\D/g, "").slice(1)}` },
      select: { label: true },
    });
    expect(entry?.label).toBe("Shop customer service");

    await page.goto(`/${locale}/staff/cases/${sn.caseNumbers[0]}`);
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: display(sn.typed) })
        .getByText(`${m.cases.warning}: Shop customer service`),
    ).toBeVisible();
  });
}

test("marking a held number the scammer's joins its reports; undoing holds it again", async ({ signedInAs, db }) => {
  const t = messages.en.sharedNumbers;
  const sn = await importSharedLandline(db);
  const { page } = await signedInAs("investigator");
  await page.goto(`/en/staff/shared-numbers#sn-${sn.identifierId}`);
  const item = page.getByRole("article", { name: display(sn.typed) });
  const scammerForm = item.locator("form").filter({ has: page.getByRole("button", { name: t.decideScammer }) });
  await scammerForm.getByLabel(t.reason).fill("Victims of both groups were called from it");
  await scammerForm.getByRole("button", { name: t.decideScammer }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(t.done_scammer);
  const caseOf = async (n: number) =>
    (
      await db.report.findFirstOrThrow({
        where: { identifiers: { some: { identifierId: sn.identifierId } } },
        orderBy: { id: n ? "desc" : "asc" },
        select: { caseId: true },
      })
    ).caseId;
  expect(await caseOf(0)).toBe(await caseOf(1));

  await page.goto("/en/staff/shared-numbers?status=decided");
  const decided = page.getByRole("article", { name: display(sn.typed) });
  await expect(decided.getByText(t.status_scammer)).toBeVisible();
  await decided.getByLabel(t.reason).fill("Checked again: a shop's number");
  await decided.getByRole("button", { name: t.reopen }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(t.done_reopen);
  expect(await caseOf(0)).not.toBe(await caseOf(1));
});
