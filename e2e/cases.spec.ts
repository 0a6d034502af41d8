import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./staff-fixtures";
import { messages } from "./fixtures";
import { importRing, linkOrganisation } from "./case-data";
import { openPii } from "@/lib/pii";

const t = messages.en.cases;

test("an investigator filters the board, opens a case, sees why it is linked, splits it and undoes the split", async ({
  signedInAs,
  db,
}) => {
  const ring = await importRing(db, 4, { scamType: "order_brushing", province: "Qinghai" });
  await importRing(db, 2, { scamType: "order_brushing", province: "Qinghai" }); // same filters, other platform
  // The filter offers known platforms: this one has a liaison organisation (four reports alone are too few).
  await linkOrganisation(db, ring.platform);
  const { page } = await signedInAs("investigator");

  await page.goto("/en/staff/cases");
  await page.getByLabel(t.scamType).selectOption("order_brushing");
  await page.getByLabel(t.platform).selectOption({ label: ring.platform });
  await page.getByLabel(t.province).selectOption("Qinghai");
  await page.getByRole("button", { name: t.apply }).click();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2); // header + our case
  await expect(page.getByText("1 case", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: ring.caseNumber }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: t.caseTitle.replace("{number}", ring.caseNumber) }),
  ).toBeVisible();
  const why = page.locator("#why");
  await expect(why).toContainText(`+86 ${ring.phone.slice(0, 3)} ${ring.phone.slice(3, 7)} ${ring.phone.slice(7)}`);
  await expect(why).toContainText(`4 ${t.reports}`);
  await expect(page.getByRole("heading", { name: t.graph })).toBeVisible();
  await expect(page.locator("#graph [role=img]")).toBeVisible();
  await expect(page.getByTestId("case-report")).toHaveCount(4);
  // Victim details are stored encrypted (ADR 0015): the page shows them in clear.
  await expect(page.getByTestId("case-report").first()).toContainText("Victim 0");
  await expect(page.getByTestId("case-report").first()).toContainText("A caller said my parcel was crushed");

  // Why is the last report here?
  await page.getByTestId("case-report").last().getByRole("link", { name: t.showWhy }).click();
  await expect(page.getByTestId("chain")).toContainText("+86");

  // Split the last report off, then undo.
  await page.getByTestId("case-report").last().getByLabel(t.splitPick).check();
  await page.locator("#reports").getByLabel(t.reason).first().fill("Victim 3 called a different ring");
  await page.getByRole("button", { name: t.splitButton }).click();
  await expect(page.getByRole("status")).toHaveText(t.done);
  await expect(page.getByTestId("case-report")).toHaveCount(3);
  const decision = page.getByTestId("decision").filter({ hasText: t.decisionTypes.split_case });
  await expect(decision).toBeVisible();
  await decision.locator("summary").click();
  await decision.getByLabel(t.reason).fill("Same ring after all");
  await decision.getByRole("button", { name: t.undo }).click();
  await expect(page.getByRole("status")).toHaveText(t.done);
  await expect(page.getByTestId("case-report")).toHaveCount(4);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ring.caseNumber);

  const audit = await db.auditEvent.findMany({
    where: { resourceId: ring.caseNumber, action: "victim.view" },
    select: { id: true },
  });
  expect(audit.length).toBeGreaterThan(0);
});

test("the search box finds a case from an identifier as typed", async ({ signedInAs, db }) => {
  const ring = await importRing(db, 2);
  const { page } = await signedInAs("investigator", "zh-CN");
  await page.goto("/zh-CN/staff/cases");
  await page
    .getByLabel(messages["zh-CN"].cases.search)
    .fill(`${ring.phone.slice(0, 3)} ${ring.phone.slice(3, 7)} ${ring.phone.slice(7)}`);
  await page.getByRole("button", { name: messages["zh-CN"].cases.searchButton }).click();
  await expect(
    page
      .getByRole("region", { name: messages["zh-CN"].cases.searchResults })
      .getByRole("link", { name: ring.caseNumber }),
  ).toBeVisible();
});

test("the search box finds a case from its victim's phone, for staff who may see victims' details", async ({
  signedInAs,
  db,
}) => {
  const ring = await importRing(db, 2);
  const stored = await db.report.findFirstOrThrow({
    where: { case: { number: ring.caseNumber } },
    select: { victimPhone: true },
  });
  const victimPhone = openPii("Report.victimPhone", stored.victimPhone);
  expect(stored.victimPhone).not.toContain(victimPhone);
  const { page } = await signedInAs("investigator");
  await page.goto("/en/staff/cases");
  await page.getByLabel(t.search).fill(`+86 ${victimPhone.slice(0, 3)}-${victimPhone.slice(3)}`);
  await page.getByRole("button", { name: t.searchButton }).click();
  const results = page.getByRole("region", { name: t.searchResults });
  await expect(results.getByRole("listitem").filter({ hasText: t.hitVictimPhone })).toContainText(ring.caseNumber);
});

test("status workflow, assignment and notes are recorded", async ({ signedInAs, db }) => {
  const ring = await importRing(db, 2);
  const { page, user } = await signedInAs("investigator");
  await page.goto(`/en/staff/cases/${ring.caseNumber}`);
  await page.getByLabel(t.changeStatus, { exact: true }).selectOption("triage");
  await page.locator("#workflow").getByRole("button", { name: t.save }).click();
  await expect(page.getByTestId("case-status")).toHaveText(t.statuses.triage);
  await page.getByLabel(t.assignee, { exact: true }).selectOption(user.id);
  await page.getByRole("button", { name: t.assign }).click();
  // The "done" banner is already showing from the status change, so wait for the assignee itself.
  await expect(page.getByTestId("case-assignee")).not.toHaveText(t.unassigned);
  await page.getByLabel(t.noteBody, { exact: true }).fill("Called the bank; freeze requested.");
  await page.getByRole("button", { name: t.addNote }).click();
  await expect(page.locator("#notes")).toContainText("freeze requested");
  const actions = (
    await db.auditEvent.findMany({ where: { resourceId: ring.caseNumber, actorId: user.id }, select: { action: true } })
  ).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["case.status", "case.assign", "case.note"]));
});

test("board and case pages have no serious accessibility violations", async ({ signedInAs, db }) => {
  const ring = await importRing(db, 3);
  const { page } = await signedInAs("admin");
  for (const url of ["/en/staff/cases", `/zh-CN/staff/cases/${ring.caseNumber}`]) {
    await page.goto(url);
    const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(
      r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  }
});

test("a case naming many identifiers lists the most-named first and shows all on request", async ({
  signedInAs,
  db,
}) => {
  // 1 shared phone + 3 × 40 QQ ids + 3 partial payee accounts.
  const ring = await importRing(db, 3, { qqPerReport: 40 });
  const { page } = await signedInAs("investigator");
  await page.goto(`/en/staff/cases/${ring.caseNumber}`);
  const table = page.locator("#identifiers table");
  await expect(table.getByRole("row")).toHaveCount(101); // header + 100
  await expect(table.getByRole("row").nth(1)).toContainText("3"); // the shared phone, named by all three
  await expect(page.getByTestId("identifiers-more")).toContainText("100 of 124");
  await page.getByRole("link", { name: "Show 124" }).click();
  await expect(table.getByRole("row")).toHaveCount(125);
});

test("a large case shows its reports a page at a time, forwards and back by plain links", async ({
  signedInAs,
  db,
}) => {
  const ring = await importRing(db, 27);
  const { page } = await signedInAs("investigator");
  await page.goto(`/en/staff/cases/${ring.caseNumber}`);
  const nav = page.getByRole("navigation", { name: t.reportPages });
  await expect(page.getByTestId("case-report")).toHaveCount(25);
  await expect(page.getByTestId("reports-range")).toHaveText("Reports 1–25 of 27");
  await expect(nav.getByRole("link", { name: t.previousReports })).toHaveCount(0);
  await nav.getByRole("link", { name: t.moreReports }).click();
  await expect(page).toHaveURL(/after=\d+#reports$/);
  await expect(page.getByTestId("case-report")).toHaveCount(2);
  await expect(page.getByTestId("reports-range")).toHaveText("Reports 26–27 of 27");
  await expect(nav.getByRole("link", { name: t.moreReports })).toHaveCount(0);
  await nav.getByRole("link", { name: t.previousReports }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect(page.getByTestId("case-report")).toHaveCount(25);
});
