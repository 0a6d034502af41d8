/**
 * The case pages' boundary (issue 7): actions posted on one case never touch
 * another, malformed URLs are 404 (never 500), the outcome banner shows only
 * known messages, analysts see no victim details, and the platform filter
 * offers known platforms only.
 */
import { randomUUID } from "node:crypto";
import { test, expect, messages } from "./staff-fixtures";
import { importRing, linkOrganisation } from "./case-data";
import { action, postAction } from "./server-actions";
import { decide } from "../lib/cases";
import type { Db } from "../lib/db/client";

const t = messages.en.cases;
const te = messages.en.errors;

async function reportsOf(db: Db, externalIds: string[]) {
  return (
    await db.report.findMany({
      where: { externalId: { in: externalIds } },
      select: { id: true, caseId: true },
      orderBy: { id: "asc" },
    })
  ).map((r) => r.id);
}

test("case actions posted on case A with records of case B are refused and change nothing", async ({
  signedInAs,
  db,
  baseURL,
}) => {
  const [a, b] = [await importRing(db, 2), await importRing(db, 2)];
  const bReports = await reportsOf(db, b.externalIds);
  const { page, user } = await signedInAs("investigator");
  const ctx = { actor: { id: user.id, role: "investigator" as const, orgId: null } };
  const bDecision = await decide(db, ctx, {
    number: b.caseNumber,
    decision: { type: "no_link_reports", a: bReports[0]!, b: bReports[1]! },
    reason: "two rings",
  });
  const bIdentifier = await db.identifier.findFirstOrThrow({ where: { value: `+86${b.phone}` }, select: { id: true } });
  const post = (key: string, fields: Record<string, string>) => {
    const { id, url } = action(key, { number: a.caseNumber });
    return postAction(page.request, baseURL!, url, id, "form", { locale: "en", number: a.caseNumber, ...fields });
  };
  const bState = async () => ({
    reports: await db.report.findMany({ where: { id: { in: bReports } }, select: { id: true, caseId: true } }),
    decision: await db.matchDecision.findUniqueOrThrow({
      where: { id: bDecision.decisionId },
      select: { revokedAt: true },
    }),
    noLink: await db.matchDecision.count({ where: { identifierId: bIdentifier.id } }),
    cases: await db.case.findMany({
      where: { reports: { some: { id: { in: bReports } } } },
      select: { status: true, _count: { select: { notes: true } } },
    }),
  });
  const before = await bState();

  for (const [key, fields] of [
    ["lib/cases/actions.ts#detach", { reportId: String(bReports[0]), reason: "x" }],
    ["lib/cases/actions.ts#undo", { decisionId: String(bDecision.decisionId), reason: "x" }],
    ["lib/cases/actions.ts#noLinkIdentifier", { identifierId: String(bIdentifier.id), reason: "x" }],
    ["lib/cases/actions.ts#split", { [`split.${bReports[0]}`]: "on", reason: "x" }],
    ["lib/cases/actions.ts#noLinkReports", { a: String(bReports[0]), b: String(bReports[1]), reason: "x" }],
  ] as const) {
    const r = await post(key, fields);
    expect(r.status, key).toBe(200);
    expect(r.redirect, key).toContain("error=notFound");
    expect(await bState(), key).toEqual(before);
  }

  // An old form's case id naming case B is not trusted: status and note land on case A, the page's case.
  await post("lib/cases/actions.ts#changeStatus", { caseId: String(b.caseId), status: "triage" });
  await post("lib/cases/actions.ts#note", { caseId: String(b.caseId), body: "For case A" });
  expect(await bState()).toEqual(before);
  expect(await db.case.findUniqueOrThrow({ where: { id: a.caseId }, select: { status: true } })).toEqual({
    status: "triage",
  });
  expect(await db.caseNote.count({ where: { caseId: a.caseId, body: "For case A" } })).toBe(1);

  // The page names the refusal in words, not as raw text from the URL.
  await page.goto(`/en/staff/cases/${a.caseNumber}?error=notFound`);
  await expect(page.locator("#main").getByRole("alert")).toHaveText(te.notFound);
});

test("malformed case and board URLs answer 404 or the page, never 500", async ({ signedInAs, db }) => {
  const ring = await importRing(db, 2);
  const { page } = await signedInAs("investigator");
  const forged = Buffer.from(JSON.stringify(["not-a-date", 1])).toString("base64url");
  const expectations: [string, number][] = [
    ["/en/staff/cases/%25", 404],
    ["/en/staff/cases/%", 404],
    ["/en/staff/cases/C-2026-00001%00", 404],
    ["/en/staff/cases/%E0%A4%A", 404],
    [`/en/staff/cases/${ring.caseNumber}?after=2147483648`, 404],
    [`/en/staff/cases/${ring.caseNumber}?after=-1`, 404],
    [`/en/staff/cases/${ring.caseNumber}?after=1&why=%00`, 200],
    [`/en/staff/cases/${ring.caseNumber.toLowerCase()}`, 200],
    ["/en/staff/cases?platform=2147483648", 200],
    ["/en/staff/cases?from=2026-02-31&to=0000-00-00", 200],
    [`/en/staff/cases?cursor=${forged}`, 200],
    ["/en/staff/cases?sort=size&cursor=%%%", 200],
    ["/en/staff/cases?minLoss=99999999999999999999", 200],
    ["/en/staff/cases?q=%00abc", 200],
    ["/en/staff/dashboard?from=2026-02-31&to=99999-01-01", 200],
  ];
  for (const [url, status] of expectations) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect.soft(res.status(), url).toBe(status);
  }
  // The usual not-found page, in the usual layout.
  await page.goto("/en/staff/cases/%25");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.content()).not.toContain("Internal Server Error");
});

test("the outcome banner shows only known messages and well-formed error ids", async ({ signedInAs, db }) => {
  const ring = await importRing(db, 2);
  const { page } = await signedInAs("investigator");
  const base = `/en/staff/cases/${ring.caseNumber}`;
  const alert = page.locator("#main").getByRole("alert");
  await page.goto(`${base}?error=${encodeURIComponent("Your account is locked. Call 400-123-4567")}&errorId=x`);
  await expect(alert).toHaveText(te.invalid);
  await expect(page.getByText("400-123-4567")).toHaveCount(0);
  await page.goto(`${base}?error=unexpected&errorId=${encodeURIComponent("Call 400-123-4567")}`);
  await expect(alert).toHaveText(te.unexpectedNoId);
  await expect(page.getByText("400-123-4567")).toHaveCount(0);
  await page.goto(`${base}?error=unexpected&errorId=0a1b2c3d`);
  await expect(alert).toHaveText(te.unexpected.replace("{errorId}", "0a1b2c3d"));
  await page.goto(`${base}?error=loginThrottled`);
  await expect(alert).toHaveText(te.invalid);
});

test("an admin creates an analyst, who sees cases and figures but no victim details, evidence or forms", async ({
  signedInAs,
  db,
  browser,
  ip,
}) => {
  const ring = await importRing(db, 2);
  const { page: admin } = await signedInAs("admin");
  await admin.goto("/en/staff/admin/users");
  const email = `analyst-${randomUUID().slice(0, 8)}@example.test`;
  const password = "analyst-password-123";
  const ta = messages.en.admin;
  const form = admin.locator("form", { has: admin.getByRole("button", { name: ta.createUser }) });
  await form.getByLabel(ta.email).fill(email);
  await form.getByLabel(ta.role).selectOption({ label: messages.en.staff.roles.analyst });
  await form.getByLabel(ta.initialPassword).fill(password);
  await form.getByRole("button", { name: ta.createUser }).click();
  await expect(admin.getByRole("status")).toContainText(email);
  expect((await db.user.findUniqueOrThrow({ where: { email }, select: { role: true } })).role).toBe("analyst");

  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await context.newPage();
  await page.goto("/en/login");
  await page.getByLabel(messages.en.auth.email).fill(email);
  await page.getByLabel(messages.en.auth.password).fill(password);
  await page.getByRole("button", { name: messages.en.auth.signIn }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto(`/en/staff/cases/${ring.caseNumber}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ring.caseNumber);
  await expect(page.locator("#summary")).toContainText("2 / 2");
  // The loaded section: while React swaps it in, its "Loading…" placeholder (same id, aria-busy) is still there.
  await expect(page.locator("#identifiers:not([aria-busy])")).toContainText(ring.phone.slice(3, 7));
  await expect(page.getByText(t.piiHidden)).toBeVisible();
  await expect(page.getByText(t.notesHidden)).toBeVisible();
  const html = await page.content();
  for (const secret of ["Victim 0", "Victim 1", "Wuhan", "offered double compensation"])
    expect(html).not.toContain(secret);
  await expect(page.locator("a[href^='/api/evidence/']")).toHaveCount(0);
  // Nothing to change: no status, assignment, note or decision forms.
  await expect(page.locator("#main form")).toHaveCount(0);
  await context.close();
});

test("the board's platform filter offers known platforms; a name typed once is found by the search box", async ({
  signedInAs,
  db,
}) => {
  const known = await importRing(db, 2);
  await linkOrganisation(db, known.platform);
  const oneOff = await importRing(db, 1); // its platform is named by a single report
  const { page } = await signedInAs("investigator");
  await page.goto("/en/staff/cases");
  const options = await page.getByLabel(t.platform).locator("option").allTextContents();
  expect(options).toContain(known.platform);
  expect(options).toContain("Taobao");
  expect(options).not.toContain(oneOff.platform);
  await page.getByLabel(t.search).fill(oneOff.platform.slice(0, 12).toLowerCase());
  await page.getByRole("button", { name: t.searchButton }).click();
  const results = page.getByRole("region", { name: t.searchResults });
  await expect(results.getByRole("link", { name: oneOff.caseNumber })).toBeVisible();
  await results.getByRole("link", { name: t.platformAllCases.replace("{name}", oneOff.platform) }).click();
  await expect(page.getByRole("table").getByRole("link", { name: oneOff.caseNumber })).toBeVisible();
  await expect(page.getByLabel(t.platform)).toHaveValue(/\d+/);
});
