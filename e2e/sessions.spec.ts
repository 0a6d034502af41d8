/**
 * Server-side sessions (ADR 0008): sign-out ends the session for every copy
 * of the cookie; "sign out everywhere" for oneself and by an admin; the
 * account's sign-in delay does not keep its owner out.
 */
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { importRing, someEvidence } from "./case-data";
import { actions, formAlert, formKey, postAction } from "./form-actions";
import { test, expect, messages, signIn, submitSignIn, uniqueSuffix, type Locale } from "./staff-fixtures";

const en = messages.en;

async function openMenu(page: Page, name: string, locale: Locale = "en") {
  await page.getByText(messages[locale].staff.userMenu.replace("{name}", name)).click();
}

/** A browser of its own (own cookies) at a client address of its own. */
async function device(browser: Browser, ip: string, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip }, ...opts });
  return context.newPage();
}

let n = 0;
const address = () => `203.0.113.${(++n % 250) + 1}`;

test("after sign-out a copy of the cookie opens nothing: not the case page, an action or a download", async ({
  page,
  playwright,
  baseURL,
  makeUser,
  db,
}) => {
  const admin = await makeUser("admin", { name: "Copy Target" });
  const ring = await importRing(db, 1);
  const evidence = await someEvidence(db);
  await signIn(page, admin);
  // Someone copies the cookie (a shared computer, a proxy log, malware).
  const copy = await playwright.request.newContext({
    baseURL,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "x-forwarded-for": address() },
  });
  const casePath = `/en/staff/cases/${ring.caseNumber}`;
  const createOrg = (copy: APIRequestContext, name: string) =>
    postAction(copy, "/en/staff/admin/users", actions.createOrganisation, { name, kind: "bank" });

  // While the session is open the copy works like the original…
  const open = await copy.get(casePath, { maxRedirects: 0 });
  expect(open.status()).toBe(200);
  expect(await open.text()).toContain("Victim 0");
  expect((await copy.get(`/api/evidence/${evidence.id}`)).status()).toBe(200);
  const before = `Copied Org ${uniqueSuffix()}`;
  await createOrg(copy, before);
  expect(await db.organisation.count({ where: { name: before } })).toBe(1);

  await openMenu(page, "Copy Target");
  await page.getByRole("button", { name: en.staff.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/login\?signedOut=1$/);

  // …and after sign-out it opens nothing.
  const closed = await copy.get(casePath, { maxRedirects: 0 });
  expect(closed.status()).toBe(307);
  expect(closed.headers()["location"]).toMatch(/\/en\/login\?next=/);
  expect(await closed.text()).not.toContain("Victim 0");
  expect((await copy.get(`/api/evidence/${evidence.id}`)).status()).toBe(401);
  expect((await copy.get("/api/audit/export?format=csv")).status()).toBe(401);
  const after = `Copied Org ${uniqueSuffix()}`;
  const refused = await createOrg(copy, after);
  expect(refused.status()).toBeLessThan(500);
  expect(await db.organisation.count({ where: { name: after } })).toBe(0);

  const session = await db.session.findFirstOrThrow({ where: { userId: admin.id }, orderBy: { createdAt: "desc" } });
  expect(session).toMatchObject({ revokedReason: "sign-out" });
  await copy.dispose();
});

for (const javaScriptEnabled of [true, false]) {
  const locale: Locale = javaScriptEnabled ? "en" : "zh-CN";
  test(`a user signs out everywhere from the account menu (${javaScriptEnabled ? "JavaScript" : "no JavaScript"}, ${locale})`, async ({
    browser,
    makeUser,
    db,
  }) => {
    const t = messages[locale];
    const user = await makeUser("investigator", { name: "Roaming User" });
    const laptop = await device(browser, address(), { javaScriptEnabled });
    const phone = await device(browser, address());
    await signIn(laptop, user, locale);
    await signIn(phone, user, locale);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(2);

    await openMenu(laptop, "Roaming User", locale);
    await laptop.getByRole("button", { name: t.staff.signOutEverywhere }).click();
    await expect(laptop).toHaveURL(new RegExp(`/${locale}/login\\?signedOut=everywhere$`));
    await expect(laptop.getByRole("status")).toHaveText(t.auth.signedOutEverywhere);

    // The phone, untouched, is signed out on its next request.
    await phone.goto(`/${locale}/staff`);
    await expect(phone).toHaveURL(new RegExp(`/${locale}/login\\?next=`));
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.logout.everywhere", actorId: user.id },
    });
    expect(audit.detail).toMatchObject({ sessions: 2 });
    await laptop.context().close();
    await phone.context().close();
  });

  test(`an admin signs another user out everywhere (${javaScriptEnabled ? "JavaScript" : "no JavaScript"}, ${locale})`, async ({
    browser,
    makeUser,
    db,
  }) => {
    const t = messages[locale];
    const admin = await makeUser("admin");
    const user = await makeUser("investigator");
    const adminPage = await device(browser, address(), { javaScriptEnabled });
    const laptop = await device(browser, address());
    const phone = await device(browser, address());
    await signIn(adminPage, admin, locale);
    await signIn(laptop, user, locale);
    await signIn(phone, user, locale);

    await adminPage.goto(`/${locale}/staff/admin/users/${user.id}`);
    const sessions = adminPage.getByRole("region", { name: t.admin.sessionsTitle });
    await expect(sessions.getByRole("row")).toHaveCount(3); // header + laptop + phone
    await sessions.getByRole("button", { name: t.admin.endSessions }).click();
    await expect(adminPage.getByRole("status").filter({ hasText: /2/ })).toBeVisible();
    await adminPage.goto(`/${locale}/staff/admin/users/${user.id}`);
    await expect(
      adminPage.getByRole("region", { name: t.admin.sessionsTitle }).getByText(t.admin.noSessions),
    ).toBeVisible();

    for (const p of [laptop, phone]) {
      await p.goto(`/${locale}/staff`);
      await expect(p).toHaveURL(new RegExp(`/${locale}/login\\?next=`));
    }
    // The admin's own session is not touched, and the account still works.
    await adminPage.goto(`/${locale}/staff`);
    await expect(adminPage).toHaveURL(new RegExp(`/${locale}/staff$`));
    await signIn(laptop, user, locale);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.sessions.end", resourceId: user.id } });
    expect(audit).toMatchObject({ actorId: admin.id, detail: { sessions: 2 } });
    for (const p of [adminPage, laptop, phone]) await p.context().close();
  });
}

test("the owner signs in from their usual address while their account is attacked from elsewhere", async ({
  browser,
  playwright,
  baseURL,
  makeUser,
  db,
}) => {
  const user = await makeUser("investigator", { name: "Account Owner" });
  const home = await device(browser, address());
  await signIn(home, user);
  await openMenu(home, "Account Owner");
  await home.getByRole("button", { name: en.staff.signOut, exact: true }).click();
  await expect(home).toHaveURL(/signedOut=1$/);

  // A botnet tries passwords for the account, each attempt from another address, until told to wait.
  let attacking = true;
  let slowedDown = 0;
  const key = await formKey(home.request, "/en/login", actions.signIn);
  const attack = (async () => {
    for (let i = 0; attacking && i < 200; i++) {
      const bot = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { "x-forwarded-for": `198.18.${(i >> 8) & 255}.${i & 255}` },
      });
      const res = await postAction(
        bot,
        "/en/login",
        actions.signIn,
        { locale: "en", email: user.email, password: `guess-${i}` },
        { key },
      );
      const alert = formAlert(await res.text()) ?? "";
      if (/^There have been many failed sign-in attempts for this account\. Please wait \d+ seconds?/.test(alert))
        slowedDown++;
      await bot.dispose();
    }
  })();
  await expect.poll(() => slowedDown, { timeout: 30_000 }).toBeGreaterThan(0);

  // With the attack going on, the owner at home types the right password and gets in.
  await home.goto("/en/login");
  await submitSignIn(home, "en", user.email, user.password);
  await expect(home).toHaveURL(/\/en\/staff$/);
  attacking = false;
  await attack;

  const failures = await db.auditEvent.count({ where: { action: "auth.login.failure", resourceId: user.id } });
  const throttled = await db.auditEvent.findFirst({ where: { action: "auth.login.throttled", resourceId: user.id } });
  expect(failures).toBeGreaterThanOrEqual(5);
  expect(throttled?.detail).toMatchObject({ by: "account" });
  await home.context().close();
});

test("too many failures from one address refuse that address for the account, with the time to wait", async ({
  browser,
  makeUser,
}) => {
  const user = await makeUser("investigator");
  const home = await device(browser, address());
  await signIn(home, user);
  await home.context().clearCookies();

  const page = await device(browser, address());
  await page.goto("/en/login");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  for (let i = 0; i < 5; i++) {
    await submitSignIn(page, "en", user.email, `wrong-${i}`);
    await expect(alert).toHaveText(en.errors.loginInvalid);
    await expect(page.getByLabel(en.auth.password)).toHaveValue("");
  }
  await submitSignIn(page, "en", user.email, user.password);
  await expect(alert).toContainText("Too many failed sign-in attempts from this connection. Please wait 15 minutes");
  await expect(page).toHaveURL(/\/en\/login$/);

  // That address only: the owner at home still gets in.
  await home.goto("/en/login");
  await submitSignIn(home, "en", user.email, user.password);
  await expect(home).toHaveURL(/\/en\/staff$/);
  await page.context().close();
  await home.context().close();
});
