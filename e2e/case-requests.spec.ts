/**
 * The case liaison panel, in a real browser, by labels: an investigator
 * creates a freeze request from a case (the bank's form comes pre-filled by
 * routing), sees it in the panel; the bank's liaison answers "frozen
 * ¥38,000" in the portal; the case summary, the panel and the board show the
 * frozen amount. Victim data needs a real
 * justification. The panel has no serious axe findings in either language at
 * phone and desktop widths.
 */
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { importReports } from "../lib/interchange/import";
import { NARRATIVES, seedPii } from "./pii";
import { formatMinor } from "../lib/vocab";
import { pdfText } from "../lib/liaison/export/test-support/pdf-text";
import { test, expect, messages, signIn, uniqueSuffix, type Locale } from "./staff-fixtures";
import { seriousViolations } from "./axe";

async function readDownload(download: import("@playwright/test").Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A Luhn-valid ICBC debit card number (BIN 622202) nobody else uses. */
function icbcCard(): string {
  const body = `622202${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

/** Two victims, one scammer's phone, ¥38,000 paid in all to one ICBC card; the bank routes by its key. */
async function freezeCase(db: Db) {
  const phone = `17${randomInt(100_000_000, 999_999_999)}`;
  const card = icbcCard();
  const lines = [20_000, 18_000].map((amount, k) =>
    JSON.stringify({
      externalId: `E2E-REQ-${randomUUID()}`,
      submittedAt: `2026-05-1${k}T10:00:00+08:00`,
      incidentDate: `2026-05-1${k}`,
      scamType: "courier_compensation",
      victim: { name: `Victim ${k}`, phone: seedPii(`139${randomInt(10_000_000, 99_999_999)}`), province: "Hubei" },
      narrative: NARRATIVES.lostParcel,
      contacts: [{ kind: "phone", value: phone }],
      payments: [{ amount, currency: "CNY", payee: { kind: "bank_account", value: card, name: "Zhang San" } }],
    }),
  );
  const s = await importReports(db, lines);
  expect(s.imported).toBe(2);
  const account = await db.identifier.findFirstOrThrow({
    where: { kind: "bank_account", value: card },
    select: { id: true, display: true, reports: { select: { report: { select: { case: true } } } } },
  });
  const caseNumber = account.reports[0]!.report.case!.number;
  const bank = await db.organisation.create({
    // Routing picks the first organisation by name holding the key, and other specs add some:
    // digits sort before letters and this number falls with time, so this test's bank is the one.
    data: {
      name: `0${String(1e13 - Date.now()).padStart(13, "0")} E2E ICBC ${uniqueSuffix()}`,
      kind: "bank",
      routeKeys: ["bank:ICBC"],
    },
    select: { id: true, name: true },
  });
  return { caseNumber, account, bank, phone };
}

test("an investigator asks the bank to freeze; its answer shows on the case and the board", async ({
  signedInAs,
  makeUser,
  browser,
  ip,
  db,
}) => {
  const locale: Locale = "en";
  const m = messages[locale];
  const t = m.requests;
  const { caseNumber, account, bank } = await freezeCase(db);
  const { page } = await signedInAs("investigator", locale);
  await page.goto(`/${locale}/staff/cases/${caseNumber}`);

  const panel = page.getByRole("region", { name: t.title });
  await expect(panel).toBeVisible();
  await expect(panel.getByText(t.none)).toBeVisible();
  const form = panel.getByRole("form", { name: t.create.groupTitle.replace("{org}", bank.name) });
  await expect(form.getByLabel(t.create.kind)).toHaveValue("freeze_accounts");
  await expect(form.getByLabel(account.display, { exact: true })).toBeChecked();
  await expect(form).toContainText(formatMinor(3_800_000n, "CNY", locale));

  // A victim field without a real justification is refused, translated, and nothing is sent.
  await form.getByLabel(t.create.include.replace("{field}", t.fields.victimNames)).check();
  await form.getByLabel(t.create.justification.replace("{field}", t.fields.victimNames)).fill("need it");
  await form.getByRole("button", { name: t.create.send }).click();
  await expect(panel.getByRole("alert")).toHaveText(m.liaisonErrors.justificationShort);
  expect(await db.liaisonRequest.count({ where: { orgId: bank.id } })).toBe(0);

  // Redacted by default: just send it.
  const again = page
    .getByRole("region", { name: t.title })
    .getByRole("form", { name: t.create.groupTitle.replace("{org}", bank.name) });
  await again.getByLabel(t.create.message).fill("请紧急止付并冻结以下账户。");
  await again.getByRole("button", { name: t.create.send }).click();
  await expect(panel.getByRole("status")).toHaveText(t.done.sent);
  const request = await db.liaisonRequest.findFirstOrThrow({
    where: { orgId: bank.id },
    select: { number: true, status: true, disclosures: true },
  });
  expect(request.status).toBe("sent");
  expect(request.disclosures).toEqual([]);
  const card = panel.getByRole("article", { name: `${request.number} · ${bank.name}` });
  await expect(card).toContainText(t.statuses.sent);
  await expect(card).toContainText(t.redacted);
  await expect(card.getByRole("rowheader", { name: account.display })).toBeVisible();
  await expect(card.getByRole("link", { name: new RegExp(`CSV .*${request.number}`) })).toHaveAttribute(
    "href",
    `/api/liaison/requests/${request.number}/export/csv?locale=${locale}`,
  );

  // The investigator downloads the request's CSV, JSON and PDF from the panel; the PDF's Chinese reads back.
  const files: Record<string, Buffer> = {};
  for (const format of ["CSV", "JSON", "PDF"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: new RegExp(`${format} .*${request.number}`) }).click(),
    ]);
    files[format] = await readDownload(download);
  }
  const csv = files.CSV!.toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(request.number);
  expect(csv).toContain(account.display);
  const json = JSON.parse(files.JSON!.toString("utf8"));
  expect(JSON.stringify(json)).toContain(request.number);
  expect(JSON.stringify(json)).toContain("3800000");
  const pdf = (await pdfText(new Uint8Array(files.PDF!))).join("\n");
  expect(pdf).toContain("请紧急止付并冻结以下账户");
  expect(pdf).toContain(request.number);
  // No victim data left the unit: the names and phones of the case are in none of the files.
  for (const f of Object.values(files)) expect(f.toString("utf8")).not.toMatch(/Victim [01]|139\d{8}/);

  // The bank's liaison signs in to the portal and answers "frozen ¥38,000" for the account.
  const liaison = await makeUser("liaison");
  await db.user.update({ where: { id: liaison.id }, data: { orgId: bank.id } });
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  const portal = await context.newPage();
  await signIn(portal, liaison, locale);
  await portal.goto(`/${locale}/portal/requests/${request.number}`);
  const p = m.portal;
  const answer = portal.getByRole("form", { name: p.answer.formTitle.replace("{identifier}", account.display) });
  await answer.getByLabel(p.answer.outcome, { exact: true }).selectOption({ label: p.outcomes.frozen });
  await answer.getByLabel(p.answer.frozen).fill("38,000");
  await answer.getByLabel(p.answer.note).fill("已冻结");
  await answer.getByRole("button", { name: p.answer.submit }).click();
  await expect(portal.getByRole("main").getByRole("status")).toHaveText(p.done.answered);
  await context.close();

  const frozen = formatMinor(3_800_000n, "CNY", locale);
  await page.reload();
  await expect(page.getByTestId("case-frozen")).toHaveText(frozen);
  const answered = page
    .getByRole("region", { name: t.title })
    .getByRole("article", { name: `${request.number} · ${bank.name}` });
  await expect(answered).toContainText(t.statuses.answered);
  await expect(answered.getByRole("row", { name: new RegExp(account.display) })).toContainText(t.outcomes.frozen);

  await page.goto(`/${locale}/staff/cases?frozen=1&sort=frozen`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: caseNumber }) });
  await expect(row).toContainText(frozen);
});

for (const locale of ["zh-CN", "en"] as const) {
  for (const width of [390, 1280]) {
    test(`the case liaison panel has no serious accessibility findings (${locale}, ${width}px)`, async ({
      signedInAs,
      db,
    }) => {
      const { caseNumber, account, bank } = await freezeCase(db);
      const { page } = await signedInAs("investigator", locale);
      await page.setViewportSize({ width, height: 900 });
      const t = messages[locale].requests;
      // Requests in each state the panel draws differently: sent and past its due time, and a draft.
      await page.goto(`/${locale}/staff/cases/${caseNumber}`);
      const form = () => page.getByRole("form", { name: t.create.groupTitle.replace("{org}", bank.name) });
      await form().getByRole("button", { name: t.create.draft }).click();
      await expect(page.getByRole("status")).toHaveText(t.done.drafted);
      const { number } = await db.liaisonRequest.findFirstOrThrow({
        where: { orgId: bank.id },
        select: { number: true },
      });
      // The draft is sent from its card.
      await page
        .getByRole("article", { name: `${number} · ${bank.name}` })
        .getByRole("button", { name: `${t.send} ${number}` })
        .click();
      await expect(page.getByRole("status")).toHaveText(t.done.sent);
      // Already asked of this bank, the account is no longer pre-checked; a second draft names it again.
      const again = form().getByLabel(account.display, { exact: true });
      await expect(again).not.toBeChecked();
      await again.check();
      await form().getByRole("button", { name: t.create.draft }).click();
      await expect(page.getByRole("status")).toHaveText(t.done.drafted);
      await db.liaisonRequest.updateMany({
        where: { orgId: bank.id, status: "sent" },
        data: { dueAt: new Date(Date.now() - 3600_000) },
      });
      await page.reload();
      const panel = page.getByRole("region", { name: t.title });
      await expect(panel.getByText(t.overdue, { exact: true }).first()).toBeVisible();
      await expect(panel.getByLabel(account.display, { exact: true }).first()).toBeVisible();
      expect(await seriousViolations(page, "#requests")).toEqual([]);
    });
  }
}

test("the liaison performance page lists the bank with its request, in both languages", async ({ signedInAs, db }) => {
  const { caseNumber, bank } = await freezeCase(db);
  const { page } = await signedInAs("investigator", "en");
  await page.goto(`/en/staff/cases/${caseNumber}`);
  await page
    .getByRole("form", { name: messages.en.requests.create.groupTitle.replace("{org}", bank.name) })
    .getByRole("button", { name: messages.en.requests.create.send })
    .click();
  await expect(page.getByRole("status")).toHaveText(messages.en.requests.done.sent);
  for (const locale of ["en", "zh-CN"] as const) {
    const t = messages[locale].liaisonStats;
    await page.goto(`/${locale}/staff/liaison-performance`);
    const table = page.getByRole("table", { name: t.caption });
    const row = table.getByRole("row", { name: new RegExp(bank.name) });
    await expect(row.getByRole("cell").nth(1)).toHaveText("1");
    expect(await seriousViolations(page)).toEqual([]);
  }
  await expect(
    page.getByRole("navigation").getByRole("link", { name: messages["zh-CN"].liaisonStats.navLabel }),
  ).toBeVisible();
});

test("a new report names another account at the bank: one click makes a follow-up draft", async ({
  signedInAs,
  db,
}) => {
  const t = messages.en.requests;
  const { caseNumber, bank, phone } = await freezeCase(db);
  const { page } = await signedInAs("investigator", "en");
  await page.goto(`/en/staff/cases/${caseNumber}`);
  await page
    .getByRole("form", { name: t.create.groupTitle.replace("{org}", bank.name) })
    .getByRole("button", { name: t.create.send })
    .click();
  await expect(page.getByRole("status")).toHaveText(t.done.sent);
  const { number } = await db.liaisonRequest.findFirstOrThrow({ where: { orgId: bank.id }, select: { number: true } });

  // The ring moved the money: a new victim, the same caller, another ICBC card.
  const moved = icbcCard();
  const s = await importReports(db, [
    JSON.stringify({
      externalId: `E2E-REQ-${randomUUID()}`,
      submittedAt: "2026-05-20T10:00:00+08:00",
      scamType: "courier_compensation",
      victim: { name: "Victim 3", phone: `139${randomInt(10_000_000, 99_999_999)}`, province: "Hubei" },
      contacts: [{ kind: "phone", value: phone }],
      payments: [{ amount: 9_000, currency: "CNY", payee: { kind: "bank_account", value: moved, name: "Li Si" } }],
    }),
  ]);
  expect(s.imported).toBe(1);
  const movedDisplay = (await db.identifier.findFirstOrThrow({ where: { kind: "bank_account", value: moved } }))
    .display;

  await page.reload();
  const panel = page.getByRole("region", { name: t.title });
  await expect(panel.getByText(t.followUps.title)).toBeVisible();
  await expect(panel.getByText(t.followUps.item.replace("{number}", number).replace("{org}", bank.name))).toBeVisible();
  await panel.getByRole("button", { name: t.followUps.create.replace("{number}", number) }).click();
  await expect(page.getByRole("status")).toHaveText(t.done.followUp);
  const draft = await db.liaisonRequest.findFirstOrThrow({
    where: { orgId: bank.id, status: "draft" },
    select: { number: true, followUpOf: { select: { number: true } }, items: { select: { display: true } } },
  });
  expect(draft.followUpOf?.number).toBe(number);
  expect(draft.items.map((i) => i.display)).toEqual([movedDisplay]);
  const card = page.getByRole("article", { name: `${draft.number} · ${bank.name}` });
  await expect(card).toContainText(t.followUpOf.replace("{number}", number));
  await expect(card).toContainText(t.statuses.draft);
  // Acted on: no suggestion any more.
  await expect(panel.getByText(t.followUps.title)).toHaveCount(0);
});
