/**
 * The liaison portal (issue 9): a liaison sees its organisation's requests
 * only, filters them, opens one, acknowledges it and answers per identifier
 * (with an attachment; with and without JavaScript); another organisation's
 * liaison gets 404s and its posts change nothing; and the inbox and request
 * page have no serious accessibility findings in both languages at phone and
 * desktop widths.
 */
import type { Browser, Page } from "@playwright/test";
import { test, expect, messages, signIn, type Locale } from "./staff-fixtures";
import { answerWithAttachment, sentFreezeRequest, type SentRequest } from "./liaison-data";
import { action, postAction } from "./server-actions";
import { PNG_1PX } from "./fixtures";
import { formatMinor } from "../lib/vocab";
import type { Db } from "../lib/db/client";
import { seriousViolations } from "./axe";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const overdue = (db: Db, number: string) =>
  db.liaisonRequest.update({ where: { number }, data: { dueAt: new Date(Date.now() - 3_600_000) } });

const answerForm = (page: Page, locale: Locale, identifier: string) =>
  page.getByRole("form", { name: messages[locale].portal.answer.formTitle.replace("{identifier}", identifier) });

test("a liaison sees its own requests, acknowledges one and answers each identifier; the answers reach the case", async ({
  page,
  db,
  makeUser,
}) => {
  test.slow();
  const m = messages.en;
  const t = m.portal;
  const [liaison, investigator, stranger] = [
    await makeUser("liaison"),
    await makeUser("investigator"),
    await makeUser("liaison"),
  ];
  const ours = { orgId: liaison.orgId!, investigatorId: investigator.id };
  const r = await sentFreezeRequest(db, { ...ours, body: "请对以下账户紧急止付并冻结。\n联系人：张警官" });
  const late = await sentFreezeRequest(db, ours);
  await overdue(db, late.number);
  const justification = "银行核对付款人身份需要受害人姓名";
  const shared = await sentFreezeRequest(db, {
    ...ours,
    disclosures: [{ field: "victimNames", justification }],
  });
  const theirs = await sentFreezeRequest(db, { orgId: stranger.orgId!, investigatorId: investigator.id });

  await signIn(page, liaison);
  await expect(page).toHaveURL(/\/en\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(liaison.orgName!);
  for (const n of [r.number, late.number, shared.number])
    await expect(page.getByRole("link", { name: n, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: theirs.number })).toHaveCount(0);
  await expect(page.getByTestId("open-count")).toHaveText("3");
  await expect(page.getByTestId("overdue-count")).toHaveText("1");
  // Overdue in words, not by colour alone.
  const lateRow = page.getByRole("row").filter({ hasText: late.number });
  await expect(lateRow.getByText(t.overdue, { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: r.number }).getByText(t.overdue, { exact: true })).toHaveCount(
    0,
  );

  // Filters are a GET form.
  await page.getByLabel(t.inbox.overdueOnly).check();
  await page.getByRole("button", { name: t.inbox.apply }).click();
  await expect(page).toHaveURL(/[?&]overdue=1/);
  await expect(page.getByRole("link", { name: late.number })).toBeVisible();
  await expect(page.getByRole("link", { name: r.number })).toHaveCount(0);
  await page.getByRole("link", { name: t.inbox.clear }).click();
  await page.getByLabel(t.inbox.status).selectOption({ label: t.statuses.answered });
  await page.getByLabel(t.inbox.kind).selectOption({ label: t.kinds.freeze_accounts });
  await page.getByRole("button", { name: t.inbox.apply }).click();
  await expect(page.getByText(t.inbox.emptyFiltered)).toBeVisible();
  await page.getByRole("link", { name: t.inbox.clear }).click();

  // A request with a victim field included shows it, with the reason.
  await page.getByRole("link", { name: shared.number }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: t.request.title.replace("{number}", shared.number) }),
  ).toBeVisible();
  await expect(page.getByText(t.victims.reason.replace("{justification}", justification))).toBeVisible();
  await expect(page.getByRole("cell", { name: "受害人1" })).toBeVisible();
  await expect(page.getByText(t.victims.withheld)).toHaveCount(0);

  // The request: exactly what was shared; victims' data withheld; the case only as a reference.
  await page.goto(`/en/portal/requests/${r.number}`);
  await expect(
    page.getByRole("heading", { level: 1, name: t.request.title.replace("{number}", r.number) }),
  ).toBeVisible();
  await expect(page.getByText(t.victims.withheld)).toBeVisible();
  await expect(page.getByText("受害人1")).toHaveCount(0);
  await expect(page.getByText("联系人：张警官")).toBeVisible();
  await expect(page.getByText(r.caseNumber, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: r.caseNumber })).toHaveCount(0);
  await expect(page.locator('a[href*="/staff/"]')).toHaveCount(0);
  // The request's files (built by the export routes), in the page's language.
  for (const f of ["csv", "json", "pdf"] as const) {
    const link = page.getByRole("link", { name: t.downloads[f] });
    await expect(link).toHaveAttribute("href", `/api/liaison/requests/${r.number}/export/${f}?locale=en`);
    expect((await page.request.get((await link.getAttribute("href"))!)).status(), f).toBe(200);
  }
  const [a, b] = r.accounts as [string, string];
  const rowA = page.getByRole("row").filter({ hasText: a });
  await expect(rowA).toContainText(formatMinor(3_800_000n, "CNY", "en"));
  await expect(rowA).toContainText(t.items.notAnswered);
  await expect(page.getByTestId("request-status")).toHaveText(t.statuses.sent);

  await page.getByRole("button", { name: t.request.acknowledge }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(t.done.acknowledged);
  await expect(page.getByTestId("request-status")).toHaveText(t.statuses.acknowledged);
  await expect(page.getByRole("button", { name: t.request.acknowledge })).toHaveCount(0);

  const formA = answerForm(page, "en", a);
  await formA.getByLabel(t.answer.outcome, { exact: true }).selectOption({ label: t.outcomes.frozen });
  await formA.getByLabel(t.answer.frozen).fill("38,000");
  await formA.getByLabel(t.answer.note).fill("已冻结，冻结期限六个月");
  await formA
    .getByLabel(t.answer.attachment)
    .setInputFiles({ name: "冻结通知书.pdf", mimeType: "application/pdf", buffer: PDF });
  await formA.getByRole("button", { name: t.answer.submit }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(t.done.answered);
  await expect(rowA).toContainText(t.outcomes.frozen);
  await expect(rowA).toContainText(t.items.frozenAmount.replace("{amount}", formatMinor(3_800_000n, "CNY", "en")));
  await expect(page.getByTestId("request-status")).toHaveText(t.statuses.acknowledged);

  const formB = answerForm(page, "en", b);
  await formB.getByLabel(t.answer.outcome, { exact: true }).selectOption({ label: t.outcomes.not_found });
  await formB.getByRole("button", { name: t.answer.submit }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(t.done.answered);
  await expect(page.getByRole("row").filter({ hasText: b })).toContainText(t.outcomes.not_found);
  await expect(page.getByTestId("request-status")).toHaveText(t.statuses.answered);

  // The attachment downloads as an attachment, never rendered.
  const href = await rowA.getByRole("link", { name: /冻结通知书/ }).getAttribute("href");
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.compare(await file.body(), PDF)).toBe(0);

  // The answers flow back to the case.
  const kase = await db.case.findUniqueOrThrow({ where: { number: r.caseNumber }, select: { frozenMinor: true } });
  expect(kase.frozenMinor).toBe(3_800_000n);
  const stored = await db.liaisonRequest.findUniqueOrThrow({ where: { number: r.number }, select: { status: true } });
  expect(stored.status).toBe("answered");
});

test("another organisation's liaison gets 404 for the request and its attachment, and its posts change nothing", async ({
  db,
  makeUser,
  signedInAs,
  baseURL,
}) => {
  const [liaison, investigator] = [await makeUser("liaison"), await makeUser("investigator")];
  const r = await sentFreezeRequest(db, { orgId: liaison.orgId!, investigatorId: investigator.id });
  await answerWithAttachment(db, r.itemIds[0]!);
  const { page } = await signedInAs("liaison");

  expect((await page.goto(`/en/portal/requests/${r.number}`))!.status()).toBe(404);
  const file = await page.request.get(`/api/liaison/requests/${r.number}/attachments/${r.itemIds[0]}`);
  expect(file.status()).toBe(404);
  await page.goto("/en/portal");
  await expect(page.getByRole("link", { name: r.number })).toHaveCount(0);

  const state = () =>
    db.liaisonRequest.findUniqueOrThrow({
      where: { number: r.number },
      select: {
        status: true,
        acknowledgedAt: true,
        items: {
          select: { outcome: true, frozenMinor: true, answerNote: true, attachmentKey: true },
          orderBy: { id: "asc" },
        },
      },
    });
  const before = await state();
  const post = async (key: string, fields: Record<string, string>) => {
    const { id, url } = action(key, { number: r.number });
    const res = await postAction(page.request, baseURL!, url, id, "form", {
      locale: "en",
      number: r.number,
      ...fields,
    });
    expect(res.status).toBeLessThan(500);
    expect(res.redirect).toMatch(/[?&]error=notFound/);
  };
  await post("lib/liaison/actions/portal.ts#answerItemForm", {
    itemId: String(r.itemIds[1]),
    outcome: "frozen",
    frozen: "38000",
    note: "not ours",
  });
  await post("lib/liaison/actions/portal.ts#acknowledgeRequestForm", {});
  expect(await state()).toEqual(before);
});

/** A browser context without JavaScript, with this test's client address. */
async function noScript(browser: Browser, ip: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": ip } });
  return { context, page: await context.newPage() };
}

test("without JavaScript: acknowledge, a refused answer explained, an answer with an image (zh-CN)", async ({
  browser,
  ip,
  db,
  makeUser,
}) => {
  const m = messages["zh-CN"];
  const t = m.portal;
  const [liaison, investigator] = [await makeUser("liaison"), await makeUser("investigator")];
  const r = await sentFreezeRequest(db, { orgId: liaison.orgId!, investigatorId: investigator.id });
  const { context, page } = await noScript(browser, ip);
  await signIn(page, liaison, "zh-CN");
  await page.getByRole("link", { name: r.number }).click();

  await page.getByRole("button", { name: t.request.acknowledge }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(t.done.acknowledged);

  // "Frozen" without an amount: the service refuses, the page says why, nothing changes.
  const form = answerForm(page, "zh-CN", r.accounts[0]!);
  await form.getByLabel(t.answer.outcome, { exact: true }).selectOption({ label: t.outcomes.frozen });
  await form.getByRole("button", { name: t.answer.submit }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(m.liaisonErrors.amountRequired);
  expect((await db.liaisonRequestItem.findUniqueOrThrow({ where: { id: r.itemIds[0]! } })).outcome).toBeNull();

  // A file that is not a PDF or an image: refused, nothing stored.
  await form.getByLabel(t.answer.outcome, { exact: true }).selectOption({ label: t.outcomes.withdrawn });
  await form
    .getByLabel(t.answer.attachment)
    .setInputFiles({ name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>") });
  await form.getByRole("button", { name: t.answer.submit }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(t.errors.attachmentType);

  await form.getByLabel(t.answer.outcome, { exact: true }).selectOption({ label: t.outcomes.withdrawn });
  await form.getByLabel(t.answer.note).fill("资金已于案发当日转出");
  await form
    .getByLabel(t.answer.attachment)
    .setInputFiles({ name: "流水截图.png", mimeType: "image/png", buffer: PNG_1PX });
  await form.getByRole("button", { name: t.answer.submit }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(t.done.answered);
  await expect(page.getByRole("row").filter({ hasText: r.accounts[0]! })).toContainText(t.outcomes.withdrawn);
  const item = await db.liaisonRequestItem.findUniqueOrThrow({ where: { id: r.itemIds[0]! } });
  expect(item.outcome).toBe("withdrawn");
  expect(item.attachmentMime).toBe("image/png");
  await context.close();
});

for (const locale of ["zh-CN", "en"] as const) {
  test(`inbox and request page have no serious accessibility findings at phone and desktop widths (${locale})`, async ({
    page,
    db,
    makeUser,
  }) => {
    test.slow();
    const [liaison, investigator] = [await makeUser("liaison"), await makeUser("investigator")];
    const ours = { orgId: liaison.orgId!, investigatorId: investigator.id };
    const r: SentRequest = await sentFreezeRequest(db, {
      ...ours,
      disclosures: [{ field: "victimPhones", justification: "银行需要核对受害人预留手机号" }],
    });
    await answerWithAttachment(db, r.itemIds[0]!);
    await overdue(db, (await sentFreezeRequest(db, ours)).number);
    await signIn(page, liaison, locale);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/portal", "/portal?status=open", `/portal/requests/${r.number}?done=answered`]) {
        await page.goto(`/${locale}${path}`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), `${path} at ${width}px`).toEqual([]);
      }
    }
  });
}
