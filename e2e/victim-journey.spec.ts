/**
 * Issue 10's "done when", as one journey in real browsers, by visible labels:
 * a victim reports in Chinese, a second victim reports in English naming the
 * same caller in another spelling; the first victim's status page shows the
 * report joined a case of 2 reports; an investigator posts a bulletin that
 * both victims then read; the first victim adds a payment and the
 * investigator sees it on the case page with its time; the public lookup finds
 * the caller in a third spelling ("reported 2 times") and 95311 as the
 * official courier number; the 11th PIN attempt on a reference in the window
 * gets the 429 page even with the right PIN; excess lookups get the 429 page
 * in either language. Numbers are new on every run, so reruns against the
 * same database start from nothing.
 */
import { randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { fillReport, marker } from "./fixtures";
import { test, expect, messages, type Locale } from "./staff-fixtures";

const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? `{${k}}`));
/** The English plural of status.caseSize, as rendered for n reports from n victims (n > 1). */
const caseSizeEn = (n: number) => `The case your report joined holds ${n} reports from ${n} victims.`;
const caseSizeZh = (n: number) => `您的报案所在的案件共有 ${n} 份报案，涉及 ${n} 名受害人。`;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

/** A browser of its own (own cookies) in the language's locale, from this test's client address. */
async function newPage(browser: Browser, ip: string, locale: Locale, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({
    locale: locale === "en" ? "en-US" : "zh-CN",
    javaScriptEnabled,
    extraHTTPHeaders: { "x-forwarded-for": ip },
  });
  contexts.push(context);
  return context.newPage();
}

/** Reports through the public form with one caller number; returns the receipt's reference and PIN. */
async function report(page: Page, locale: Locale, caller: string, victimPhone: string) {
  await page.goto(`/${locale}/report`);
  await fillReport(page, locale, { marker: marker(), phones: [caller], payments: [] }, { js: true });
  // Each report from its own victim (fillReport gives every victim the same phone).
  await page.getByLabel(messages[locale].report.victimPhone).fill(victimPhone);
  await page.getByRole("button", { name: messages[locale].report.submit }).click();
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toBeVisible();
  return {
    reference: (await receipt.getByTestId("reference").textContent())!.trim(),
    pin: (await receipt.getByTestId("pin").textContent())!.trim(),
  };
}

async function signInToStatus(page: Page, locale: Locale, reference: string, pin: string) {
  const t = messages[locale].status;
  await page.goto(`/${locale}/status`);
  await page.getByLabel(t.reference, { exact: true }).fill(reference);
  await page.getByLabel(t.pin, { exact: true }).fill(pin);
  await page.getByRole("button", { name: t.submit }).click();
}

async function lookUp(page: Page, locale: Locale, q: string) {
  const t = messages[locale].lookup;
  await page.goto(`/${locale}/lookup`);
  await page.getByLabel(t.label).fill(q);
  await page.getByRole("button", { name: t.submit }).click();
  await expect(page.locator("#lookup-result")).toBeVisible();
}

test("two victims, one caller: case, bulletin, a later payment, the lookup and the limits", async ({
  browser,
  signedInAs,
  db,
  ip,
}) => {
  test.setTimeout(240_000);
  const digits = `138${randomInt(10_000_000, 99_999_999)}`;
  const spaced = `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  const zh = messages["zh-CN"];
  const en = messages.en;

  // 1. Two victims report the same caller, spelled differently, in their own languages.
  const first = await newPage(browser, ip, "zh-CN");
  const second = await newPage(browser, ip, "en");
  const r1 = await report(first, "zh-CN", spaced, `139${randomInt(10_000_000, 99_999_999)}`);
  const r2 = await report(second, "en", `+86 ${digits}`, `137${randomInt(10_000_000, 99_999_999)}`);

  // 2. The first victim's status page: the report joined a case of 2 reports.
  await signInToStatus(first, "zh-CN", r1.reference, r1.pin);
  await expect(first).toHaveURL(/\/zh-CN\/status\/report$/);
  await expect(first.getByTestId("status-stage")).toHaveText(zh.status.stages.joined);
  await expect(first.getByTestId("status-case")).toHaveText(caseSizeZh(2));
  await expect(first.getByText(zh.status.adviceByType.courier_compensation)).toBeVisible();
  await expect(first.getByRole("note").filter({ hasText: zh.status.recoveryWarning })).toBeVisible();

  // 3. An investigator posts a bulletin on the case page (both languages); both victims read it.
  const { caseId } = await db.report.findUniqueOrThrow({
    where: { reference: r1.reference },
    select: { caseId: true },
  });
  const { number } = await db.case.findUniqueOrThrow({ where: { id: caseId! }, select: { number: true } });
  const { page: staff } = await signedInAs("investigator", "en");
  await staff.goto(`/en/staff/cases/${number}`);
  const bulletins = staff.getByRole("region", { name: en.bulletins.title });
  const textZh = `冻结请求已发出。警方不会要求您付款追回钱款。${marker()}`;
  const textEn = `A freeze request was sent. The police never ask you to pay to recover money. ${marker()}`;
  const form = bulletins.getByRole("form", { name: en.bulletins.newTitle });
  await form.getByLabel(en.bulletins.bodyZh).fill(textZh);
  await form.getByLabel(en.bulletins.bodyEn).fill(textEn);
  await form.getByRole("button", { name: en.bulletins.post }).click();
  await expect(bulletins.getByTestId("case-bulletin")).toContainText(textEn);

  await first.reload();
  await expect(first.getByTestId("victim-bulletin")).toContainText(textZh);
  await signInToStatus(second, "en", r2.reference, r2.pin);
  await expect(second.getByTestId("status-case")).toHaveText(caseSizeEn(2));
  await expect(second.getByTestId("victim-bulletin")).toContainText(textEn);

  // 4. The first victim adds a payment later; the investigator sees it with its time.
  const account = `6222${randomInt(100_000_000, 999_999_999)}${randomInt(100_000, 999_999)}`;
  const addForm = first.getByRole("form", { name: zh.additions.title });
  const payment = addForm.getByRole("group", { name: zh.additions.payment });
  await payment.getByLabel(zh.report.amount, { exact: true }).fill("1280.50");
  await payment.getByLabel(zh.report.payeeValue, { exact: true }).fill(account);
  await payment.getByLabel(zh.report.payeeName, { exact: true }).fill("王某某");
  await addForm.getByRole("button", { name: zh.additions.submit }).click();
  await expect(first.getByRole("status").filter({ hasText: zh.additions.added })).toBeVisible();

  const addition = await db.reportAddition.findFirstOrThrow({
    where: { report: { reference: r1.reference } },
    select: { createdAt: true, payments: { select: { amountMinor: true, payeeValue: true } } },
  });
  expect(addition.payments).toEqual([{ amountMinor: 128_050n, payeeValue: account }]);
  await staff.reload();
  const added = staff.getByTestId("report-additions");
  await expect(added).toContainText(en.additions.staffTitle);
  await expect(added).toContainText(account);
  await expect(added).toContainText("1,280.50");
  await expect(added.locator("time")).toHaveAttribute("datetime", addition.createdAt.toISOString());
  await expect(added.locator("time")).not.toBeEmpty();

  // 5. The public lookup: a third spelling of the caller, and the official courier number.
  const lookup = await newPage(browser, ip, "en");
  await lookUp(lookup, "en", `0086 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`);
  await expect(lookup.getByRole("heading", { level: 2 })).toHaveText(fill(en.lookup.reportedTitle, { count: 2 }));
  await lookUp(lookup, "zh-CN", "95311");
  await expect(lookup.getByRole("heading", { level: 2 })).toHaveText(
    fill(zh.lookup.officialTitle, { company: "ZTO Express" }),
  );
  await expect(lookup.getByText(zh.lookup.officialBody)).toBeVisible();

  // 6. Ten wrong PINs on the second report (a browser without JavaScript), then the right one: 429 page.
  const guesser = await newPage(browser, ip, "en", false);
  for (let i = 0; i < 10; i++) {
    await signInToStatus(guesser, "en", r2.reference, `9${String(i).padStart(7, "0")}`);
    await expect(guesser.locator("form [role=alert]")).toHaveText(en.status.wrong);
  }
  await guesser.goto("/en/status");
  await guesser.getByLabel(en.status.reference, { exact: true }).fill(r2.reference);
  await guesser.getByLabel(en.status.pin, { exact: true }).fill(r2.pin);
  const refused = guesser.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/en/status"));
  await guesser.getByRole("button", { name: en.status.submit }).click();
  expect((await refused).status()).toBe(429);
  await expect(guesser.getByRole("heading", { level: 1, name: en.limits.tooManyPinTitle })).toBeVisible();
  await expect(guesser.getByText(en.limits.tooManyPinBody)).toBeVisible();
  expect(
    await db.statusSession.count({
      where: { report: { reference: r2.reference }, createdAt: { gt: addition.createdAt } },
    }),
  ).toBe(0);

  // 7. Lookups past the per-address limit: the clear 429 page, in both languages.
  let status = 200;
  for (let k = 0; k < 40 && status !== 429; k++) {
    status = (await lookup.goto(`/en/lookup?q=${encodeURIComponent(spaced)}`))!.status();
  }
  expect(status).toBe(429);
  await expect(lookup.getByRole("heading", { level: 1, name: en.lookup.tooManyTitle })).toBeVisible();
  await expect(lookup.getByRole("link", { name: en.lookup.tooManyBack })).toBeVisible();
  expect((await lookup.goto(`/zh-CN/lookup?q=${encodeURIComponent(spaced)}`))!.status()).toBe(429);
  await expect(lookup.getByRole("heading", { level: 1, name: zh.lookup.tooManyTitle })).toBeVisible();
});
