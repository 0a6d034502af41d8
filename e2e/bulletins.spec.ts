/**
 * Case bulletins on the case page, in a real browser, by labels: an
 * investigator posts one in English only (no JavaScript needed: a plain
 * form), it is listed with "(not written)" for Chinese, stored and audited;
 * an empty bulletin is refused. The section has no serious axe findings in
 * either language at phone and desktop widths; an analyst sees the list, no form.
 */
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { test, expect, messages, type Locale } from "./staff-fixtures";
import { seriousViolations } from "./axe";

/** Two victims called from one number: one case. */
async function twoVictimCase(db: Db): Promise<string> {
  const phone = `17${randomInt(100_000_000, 999_999_999)}`;
  const lines = [0, 1].map((k) =>
    JSON.stringify({
      externalId: `E2E-BUL-${randomUUID()}`,
      submittedAt: `2026-05-1${k}T10:00:00+08:00`,
      scamType: "courier_compensation",
      victim: { name: `Victim ${k}`, phone: `139${randomInt(10_000_000, 99_999_999)}`, province: "Hubei" },
      contacts: [{ kind: "phone", value: phone }],
    }),
  );
  expect((await importReports(db, lines)).imported).toBe(2);
  const r = await db.report.findFirstOrThrow({
    where: { identifiers: { some: { identifier: { kind: "phone", value: `+86${phone}` } } } },
    select: { case: { select: { number: true } } },
  });
  return r.case!.number;
}

test("an investigator posts a bulletin to the case's victims from the case page", async ({ signedInAs, db }) => {
  const locale: Locale = "en";
  const t = messages[locale].bulletins;
  const number = await twoVictimCase(db);
  const { page } = await signedInAs("investigator", locale);
  await page.goto(`/${locale}/staff/cases/${number}`);
  const section = page.getByRole("region", { name: t.title });
  await expect(section.getByText(t.none)).toBeVisible();
  const form = section.getByRole("form", { name: t.newTitle });
  await expect(form.getByRole("note")).toHaveText(t.warning);

  // Nothing written: refused, nothing stored.
  await form.getByRole("button", { name: t.post }).click();
  await expect(page.getByRole("alert").first()).toHaveText(messages[locale].errors.required);
  expect(await db.caseBulletin.count({ where: { case: { number } } })).toBe(0);

  const text = `The account was frozen. The police never ask you to pay to recover money. ${randomUUID()}`;
  await page
    .getByRole("region", { name: t.title })
    .getByRole("form", { name: t.newTitle })
    .getByLabel(t.bodyEn)
    .fill(text);
  await page.getByRole("region", { name: t.title }).getByRole("button", { name: t.post }).click();
  await expect(page.getByRole("status").first()).toHaveText(messages[locale].cases.done);
  const item = page.getByRole("region", { name: t.title }).getByTestId("case-bulletin");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(text);
  await expect(item).toContainText(t.notWritten);
  const stored = await db.caseBulletin.findFirstOrThrow({
    where: { case: { number } },
    select: { id: true, bodyZh: true, bodyEn: true },
  });
  expect(stored).toMatchObject({ bodyZh: "", bodyEn: text });
  expect(await db.auditEvent.count({ where: { action: "case.bulletin", resourceId: number } })).toBe(1);
});

test("the bulletins section: no serious axe findings in either language, phone and desktop; analysts get no form", async ({
  signedInAs,
  db,
}) => {
  const number = await twoVictimCase(db);
  for (const locale of ["zh-CN", "en"] as const) {
    const { page } = await signedInAs("investigator", locale);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/${locale}/staff/cases/${number}#bulletins`);
      await expect(page.getByRole("region", { name: messages[locale].bulletins.title })).toBeVisible();
      expect(await seriousViolations(page, "#bulletins"), `${locale} at ${width}px`).toEqual([]);
    }
  }
  const { page } = await signedInAs("analyst", "en");
  await page.goto(`/en/staff/cases/${number}`);
  const section = page.getByRole("region", { name: messages.en.bulletins.title });
  await expect(section).toBeVisible();
  await expect(section.getByRole("form")).toHaveCount(0);
});
