/**
 * The case page's "Organisations to ask" table: staff choose the organisation
 * for one identifier at a time. Each row has a "Change" link; only the row
 * being changed carries the select of every organisation, so the page does
 * not grow with rows × organisations. Works the same without JavaScript.
 */
import { randomUUID } from "node:crypto";
import { test, expect, messages, type Locale } from "./staff-fixtures";
import { importRing } from "./case-data";
import { seriousViolations } from "./axe";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const [locale, javaScriptEnabled] of [
  ["en", true],
  ["zh-CN", false],
] as [Locale, boolean][]) {
  test(`an investigator chooses the organisation for an identifier (${locale}, ${javaScriptEnabled ? "JavaScript" : "no JavaScript"})`, async ({
    signedInAs,
    db,
  }) => {
    const t = messages[locale].routing;
    const ring = await importRing(db, 2);
    const identifier = await db.identifier.findFirstOrThrow({
      where: { kind: "phone", value: `+86${ring.phone}` },
      select: { id: true, display: true },
    });
    const org = await db.organisation.create({
      data: { name: `E2E Telecom ${randomUUID().slice(0, 8)}`, kind: "telecom" },
      select: { id: true, name: true },
    });
    const label = t.overrideLabel.replace("{identifier}", identifier.display);
    const { page } = await signedInAs("investigator", locale, { javaScriptEnabled });
    await page.goto(`/${locale}/staff/cases/${ring.caseNumber}`);
    // Without JavaScript the page sends the browser on to itself rendered whole.
    if (!javaScriptEnabled) await expect(page).toHaveURL(/[?&]whole=1$/);

    const routing = page.getByRole("region", { name: t.title, exact: true });
    await expect(routing.getByRole("link", { name: `${t.change} ${label}` })).toBeVisible();
    // No organisation list on the page until a row is being changed.
    await expect(routing.getByRole("combobox")).toHaveCount(0);

    await routing.getByRole("link", { name: `${t.change} ${label}` }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]route=${identifier.id}\\b`));
    // Without JavaScript the page stays whole and at the row (its anchor kept).
    if (!javaScriptEnabled) await expect(page).toHaveURL(new RegExp(`whole=1#route-${identifier.id}$`));
    await expect(routing.getByRole("combobox")).toHaveCount(1);
    if (javaScriptEnabled) expect(await seriousViolations(page, "#routing")).toEqual([]);
    await routing.getByLabel(label).selectOption({ label: org.name });
    await routing.getByRole("button", { name: `${t.save} ${identifier.display}` }).click();

    // Back on the case page: the row names the organisation, chosen by staff, and no form is open.
    const row = page
      .getByRole("region", { name: t.title, exact: true })
      .getByRole("row", { name: new RegExp(escape(identifier.display)) });
    await expect(row).toContainText(org.name);
    await expect(row).toContainText(t.via.override);
    await expect(page).not.toHaveURL(/[?&]route=/);
    await expect(page.getByRole("region", { name: t.title, exact: true }).getByRole("combobox")).toHaveCount(0);
    expect(
      await db.identifierRoute.findUnique({ where: { identifierId: identifier.id }, select: { orgId: true } }),
    ).toEqual({ orgId: org.id });
  });
}

test("the routing form opens for a row beyond the first twenty, and an unknown or malformed row opens nothing", async ({
  signedInAs,
  db,
}) => {
  const t = messages.en.routing;
  // 3 reports × 8 QQ ids of their own, and the phone: more rows than the table shows at first.
  const ring = await importRing(db, 3, { qqPerReport: 8 });
  const { page } = await signedInAs("investigator");
  const routing = page.getByRole("region", { name: t.title, exact: true });
  await page.goto(`/en/staff/cases/${ring.caseNumber}`);
  await expect(routing).toBeVisible();
  const qqs = await db.identifier.findMany({
    where: { kind: "qq", reports: { some: { report: { externalId: { in: ring.externalIds } } } } },
    select: { id: true, display: true },
  });
  const changeLink = (display: string) =>
    routing.getByRole("link", { name: `${t.change} ${t.overrideLabel.replace("{identifier}", display)}` });
  let hidden: (typeof qqs)[number] | undefined;
  for (const q of qqs) if ((await changeLink(q.display).count()) === 0) hidden ??= q;
  expect(hidden, "a row not shown at first").toBeDefined();

  await page.goto(`/en/staff/cases/${ring.caseNumber}?route=${hidden!.id}`);
  await expect(routing.getByLabel(t.overrideLabel.replace("{identifier}", hidden!.display))).toBeVisible();
  await expect(routing.getByRole("combobox")).toHaveCount(1);

  for (const route of ["999999999", "abc", "-4"]) {
    const res = await page.goto(`/en/staff/cases/${ring.caseNumber}?route=${route}`);
    expect(res?.status(), route).toBe(200);
    await expect(routing).toBeVisible();
    await expect(routing.getByRole("combobox")).toHaveCount(0);
  }
});

for (const [locale, javaScriptEnabled] of [
  ["en", true],
  ["zh-CN", false],
] as [Locale, boolean][]) {
  test(`the request form for identifiers with no organisation lists the first, and all on request (${locale}, ${javaScriptEnabled ? "JavaScript" : "no JavaScript"})`, async ({
    signedInAs,
    db,
  }) => {
    const t = messages[locale].requests.create;
    // 3 reports × 8 QQ ids of their own: no organisation takes QQ ids here.
    const ring = await importRing(db, 3, { qqPerReport: 8 });
    const qqs = await db.identifier.findMany({
      where: { kind: "qq", reports: { some: { report: { externalId: { in: ring.externalIds } } } } },
      select: { display: true },
    });
    expect(qqs).toHaveLength(24);
    const { page } = await signedInAs("investigator", locale, { javaScriptEnabled });
    await page.goto(`/${locale}/staff/cases/${ring.caseNumber}`);
    const form = page.getByRole("form", { name: t.unrouted, exact: true });
    const listed = async () => {
      let n = 0;
      for (const q of qqs) n += await form.getByRole("checkbox", { name: q.display, exact: true }).count();
      return n;
    };
    await expect(form).toBeVisible();
    const shownAtFirst = await listed();
    expect(shownAtFirst).toBeGreaterThan(0);
    expect(shownAtFirst).toBeLessThan(qqs.length);
    // None of them is checked: listing the first leaves nothing out of a request unseen.
    await expect(form.getByRole("checkbox", { checked: true })).toHaveCount(0);

    await form.getByRole("link", { name: new RegExp(escape(t.unroutedShowAll.split("{count}")[0]!)) }).click();
    await expect(page).toHaveURL(
      javaScriptEnabled ? /[?&]routing=all#unrouted-h$/ : /[?&]routing=all&whole=1#unrouted-h$/,
    );
    await expect(form.getByRole("checkbox", { name: qqs[0]!.display, exact: true })).toBeVisible();
    expect(await listed()).toBe(qqs.length);
    await expect(
      form.getByRole("link", { name: new RegExp(escape(t.unroutedShowAll.split("{count}")[0]!)) }),
    ).toHaveCount(0);
  });
}
