/**
 * Victims' status page: reference + PIN from the receipt, a short sign-in to
 * that one report (cookie on the status pages only), its status in plain
 * words, sign-out, throttled wrong PINs, and accessibility at phone and
 * desktop widths in both languages.
 */
import { randomInt } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Page } from "@playwright/test";
import type { Db } from "../lib/db/client";
import { importRing } from "./case-data";
import { test, expect, fillReport, marker, messages, type Locale } from "./fixtures";
import { sentFreezeRequest } from "./liaison-data";
import { createUser } from "./staff-fixtures";
import { seriousViolations } from "./axe";

const other = (l: Locale): Locale => (l === "en" ? "zh-CN" : "en");
const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? `{${k}}`));

async function signInToStatus(page: Page, locale: Locale, reference: string, pin: string) {
  const t = messages[locale].status;
  await page.getByLabel(t.reference, { exact: true }).fill(reference);
  await page.getByLabel(t.pin, { exact: true }).fill(pin);
  await page.getByRole("button", { name: t.submit }).click();
}

/** A report with a known PIN (imported reports have none; the form's receipt shows one). */
async function reportWithPin(db: Db, where: { externalId: string }, pin = "24681357") {
  const r = await db.report.update({ where, data: { pinHash: await hash(pin) }, select: { reference: true } });
  return { reference: r.reference, pin };
}

/** The form's own alert (with JavaScript, Next's route announcer is an alert too). */
const formAlert = (page: Page) => page.locator("form [role=alert]");

for (const locale of ["zh-CN", "en"] as Locale[]) {
  test.describe(`status page (${locale})`, () => {
    test.use({ locale: locale === "en" ? "en-US" : "zh-CN" });

    test("a victim checks the report from the receipt, reloads without the PIN, and signs out", async ({
      page,
      context,
      db,
    }) => {
      const t = messages[locale].status;
      await page.goto(`/${locale}/report`);
      await fillReport(
        page,
        locale,
        { marker: marker(), phones: [`170${randomInt(10_000_000, 99_999_999)}`], payments: [] },
        { js: true },
      );
      await page.getByRole("button", { name: messages[locale].report.submit }).click();
      const receipt = page.getByTestId("receipt");
      await expect(receipt).toBeVisible();
      const reference = (await receipt.getByTestId("reference").textContent())!.trim();
      const pin = (await receipt.getByTestId("pin").textContent())!.trim();

      await page.goto(`/${locale}`);
      await page.getByRole("link", { name: messages[locale].home.statusCta }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/status$`));
      await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
      await expect(page.getByRole("note").filter({ hasText: t.recoveryWarning })).toBeVisible();
      await signInToStatus(page, locale, reference.toLowerCase(), pin);

      await expect(page).toHaveURL(new RegExp(`/${locale}/status/report$`));
      await expect(page.getByRole("heading", { level: 1, name: fill(t.reportTitle, { reference }) })).toBeVisible();
      await expect(page.getByTestId("status-stage")).toHaveText(t.stages.received);
      await expect(page.getByTestId("status-case")).toHaveText(t.notJoined);
      await expect(page.getByText(t.noRequests)).toBeVisible();
      await expect(page.getByText(t.advice.call96110)).toBeVisible();
      await expect(page.getByText(t.adviceByType.courier_compensation)).toBeVisible();
      await expect(page.getByRole("note").filter({ hasText: t.recoveryWarning })).toBeVisible();

      // The cookie: httpOnly, SameSite=Lax, only on the status pages (one copy per language).
      const cookies = (await context.cookies()).filter((c) => c.name.startsWith("status_session."));
      expect(cookies.map((c) => `${c.name} ${c.path}`).sort()).toEqual([
        "status_session.en /en/status",
        "status_session.zh-CN /zh-CN/status",
      ]);
      for (const c of cookies) expect(c).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      const report = await db.report.findUniqueOrThrow({ where: { reference }, select: { id: true } });
      expect(await db.statusSession.count({ where: { reportId: report.id, endedAt: null } })).toBe(1);

      // Reloading, the form's address and the other language do not ask again.
      await page.reload();
      await expect(page.getByTestId("status-stage")).toBeVisible();
      await page.goto(`/${locale}/status`);
      await expect(page).toHaveURL(new RegExp(`/${locale}/status/report$`));
      await page.goto(`/${other(locale)}/status/report`);
      await expect(page.getByTestId("status-stage")).toHaveText(messages[other(locale)].status.stages.received);

      await page.goto(`/${locale}/status/report`);
      await page.getByRole("button", { name: t.signOut }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/status$`));
      await expect(page.getByLabel(t.reference, { exact: true })).toBeVisible();
      await page.goto(`/${locale}/status/report`);
      await expect(page).toHaveURL(new RegExp(`/${locale}/status$`));
      expect(await db.statusSession.count({ where: { reportId: report.id, endedAt: null } })).toBe(0);
      const audit = await db.auditEvent.findMany({
        where: { resourceType: "report", resourceId: reference, action: { startsWith: "status." } },
        select: { action: true },
        orderBy: { id: "asc" },
      });
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["status.signin", "status.view", "status.signout"]),
      );
      expect(JSON.stringify(audit)).not.toContain(pin);
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a report in a case shows the case's size and what was asked, never its number, names or accounts", async ({
    page,
    db,
  }) => {
    const t = messages.en.status;
    const investigator = await createUser(db, "investigator");
    const bank = await db.organisation.create({
      data: { name: `E2E Status Bank ${marker()}`, kind: "bank" },
      select: { id: true, name: true },
    });
    const sent = await sentFreezeRequest(db, { orgId: bank.id, investigatorId: investigator.id });
    await db.liaisonRequestItem.update({
      where: { id: sent.itemIds[0]! },
      data: { outcome: "frozen", frozenMinor: 2_000_000n, answeredAt: new Date() },
    });
    const first = await db.report.findFirstOrThrow({
      where: { case: { number: sent.caseNumber } },
      select: { externalId: true },
      orderBy: { id: "asc" },
    });
    const { reference, pin } = await reportWithPin(db, { externalId: first.externalId! });
    const theCase = await db.case.findUniqueOrThrow({ where: { number: sent.caseNumber }, select: { id: true } });
    await db.caseBulletin.create({
      data: { caseId: theCase.id, bodyZh: "警方不会要求您付款。", bodyEn: "The police will never ask you to pay." },
    });

    await page.goto("/en/status");
    await signInToStatus(page, "en", reference, pin);
    await expect(page).toHaveURL(/\/en\/status\/report$/);
    await expect(page.getByTestId("status-stage")).toHaveText(t.stages.joined);
    await expect(page.getByTestId("status-case")).toHaveText(
      "The case your report joined holds 2 reports from 2 victims.",
    );
    const requests = page.getByTestId("status-requests");
    await expect(requests).toContainText("A request to freeze accounts was sent to a bank.");
    await expect(requests).toContainText("An account was frozen.");
    // The case's bulletin, and the form to add information (both from lib/victims, branch updates).
    await expect(page.getByTestId("victim-bulletin")).toContainText("The police will never ask you to pay.");
    await expect(page.getByRole("heading", { name: messages.en.additions.title })).toBeVisible();
    const text = await page.locator("main").innerText();
    for (const secret of [sent.caseNumber, sent.number, bank.name, ...sent.accounts, "20,000", "受害人"]) {
      expect(text).not.toContain(secret);
    }

    // The same in Chinese (the sign-in holds on both language paths).
    await page.goto("/zh-CN/status/report");
    const z = messages["zh-CN"].status;
    await expect(page.getByTestId("status-stage")).toHaveText(z.stages.joined);
    await expect(page.getByTestId("status-case")).toHaveText("您的报案所在的案件共有 2 份报案，涉及 2 名受害人。");
    await expect(page.getByTestId("status-requests")).toContainText("已向一家银行发出 1 份冻结账户的请求。");
    await expect(page.getByTestId("status-requests")).toContainText("1 个账户已被冻结。");
    await expect(page.getByTestId("victim-bulletin")).toContainText("警方不会要求您付款。");
  });

  test("an unknown reference reads exactly like a wrong PIN, and the form keeps the reference", async ({ page }) => {
    const t = messages["zh-CN"].status;
    await page.goto("/zh-CN/status");
    // An unknown reference reads exactly like a wrong PIN.
    await signInToStatus(page, "zh-CN", "R-2099-000001", "12345678");
    await expect(formAlert(page)).toHaveText(t.wrong);
    await expect(page.getByLabel(t.reference, { exact: true })).toHaveValue("R-2099-000001");
  });

  test("the 11th attempt on a reference in a window gets the 429 page even with the right PIN", async ({
    page,
    browser,
    db,
    ip,
  }) => {
    const t = messages["zh-CN"].status;
    const ring = await importRing(db, 1);
    const { reference, pin } = await reportWithPin(db, { externalId: ring.externalIds[0]! });
    await page.goto("/zh-CN/status");
    for (let i = 0; i < 10; i++) {
      await signInToStatus(page, "zh-CN", reference, `0000000${i}`);
      await expect(formAlert(page)).toHaveText(t.wrong);
    }
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/zh-CN/status"));
    await signInToStatus(page, "zh-CN", reference, pin);
    expect((await answer).status()).toBe(429);
    expect((await answer).headers()["retry-after"]).toBe("3600");
    const limits = messages["zh-CN"].limits;
    await expect(page.getByRole("heading", { level: 1, name: limits.tooManyPinTitle })).toBeVisible();
    await expect(page.getByText(limits.tooManyPinBody)).toBeVisible();
    await page.getByRole("link", { name: limits.back }).click();
    await expect(page.getByLabel(t.reference, { exact: true })).toBeVisible();
    // An unknown reference is held to the same limit, so the 429 tells nothing about existence.
    const unknown = `R-2099-${String(randomInt(0, 999_999)).padStart(6, "0")}`;
    for (let i = 0; i < 10; i++) {
      await signInToStatus(page, "zh-CN", unknown, `1000000${i}`);
      await expect(formAlert(page)).toHaveText(t.wrong);
    }
    const unknownAnswer = page.waitForResponse((r) => r.request().method() === "POST");
    await signInToStatus(page, "zh-CN", unknown, pin);
    expect((await unknownAnswer).status()).toBe(429);
    // With JavaScript the form itself says so (a script cannot show a 429 page).
    const withJs = await browser.newContext({ javaScriptEnabled: true, extraHTTPHeaders: { "x-forwarded-for": ip } });
    const jsPage = await withJs.newPage();
    await jsPage.goto("/zh-CN/status");
    await signInToStatus(jsPage, "zh-CN", reference, pin);
    await expect(formAlert(jsPage)).toHaveText(t.throttled);
    await expect(jsPage).toHaveURL(/\/zh-CN\/status$/);
    await withJs.close();
  });
});

for (const locale of ["zh-CN", "en"] as Locale[]) {
  for (const width of [390, 1280]) {
    test(`status pages have no serious accessibility violations (${locale}, ${width}px)`, async ({ page, db }) => {
      const t = messages[locale].status;
      await page.setViewportSize({ width, height: 900 });
      const ring = await importRing(db, 2);
      const { reference, pin } = await reportWithPin(db, { externalId: ring.externalIds[0]! });
      await page.goto(`/${locale}/status`);
      expect(await seriousViolations(page)).toEqual([]);
      await signInToStatus(page, locale, reference, "99999999");
      await expect(formAlert(page)).toHaveText(t.wrong);
      expect(await seriousViolations(page)).toEqual([]);
      await signInToStatus(page, locale, reference, pin);
      await expect(page.getByTestId("status-stage")).toHaveText(t.stages.joined);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}
