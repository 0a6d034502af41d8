import type { Page } from "@playwright/test";
import { test, expect, messages, signIn, submitSignIn } from "./staff-fixtures";

const en = messages.en;
// Next's route announcer is an empty role=alert too.
const alert = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

test("an investigator signs in, lands on the staff home and signs out", async ({ page, makeUser }) => {
  const user = await makeUser("investigator", { name: "Wang Jing" });
  await signIn(page, user);
  await expect(page).toHaveURL(/\/en\/staff$/);
  await expect(page.getByRole("heading", { level: 1, name: en.staff.home.title })).toBeVisible();
  const nav = page.getByRole("navigation", { name: en.staff.nav.label });
  await expect(nav.getByRole("link", { name: en.staff.nav.cases })).toHaveAttribute("href", "/en/staff/cases");
  // Investigators do not manage users.
  await expect(nav.getByRole("link", { name: en.staff.nav.users })).toHaveCount(0);

  await page.getByText(en.staff.userMenu.replace("{name}", "Wang Jing")).click();
  await page.getByRole("button", { name: en.staff.signOut }).click();
  await expect(page).toHaveURL(/\/en\/login\?signedOut=1$/);
  await expect(page.getByRole("status")).toHaveText(en.auth.signedOut);
  await page.goto("/en/staff");
  await expect(page).toHaveURL(/\/en\/login\?next=%2Fen%2Fstaff$/);
});

test("a wrong password is refused with a message and the email is kept", async ({ page, makeUser, db }) => {
  const user = await makeUser("investigator");
  await page.goto("/en/login");
  await submitSignIn(page, "en", user.email, "not-the-password");
  await expect(alert(page)).toHaveText(en.errors.loginInvalid);
  await expect(page.getByLabel(en.auth.email)).toHaveValue(user.email);
  await expect(page).toHaveURL(/\/en\/login$/);
  const audit = await db.auditEvent.findFirst({ where: { action: "auth.login.failure", resourceId: user.id } });
  expect(audit?.detail).toMatchObject({ reason: "wrong-password" });
});

test("after 5 failures the account is throttled, even for the right password", async ({ page, makeUser }) => {
  const user = await makeUser("investigator");
  await page.goto("/en/login");
  for (let i = 0; i < 5; i++) {
    await submitSignIn(page, "en", user.email, `wrong-${i}`);
    await expect(alert(page)).toHaveText(en.errors.loginInvalid);
    // The answer re-renders the form without the password: this attempt is done.
    await expect(page.getByLabel(en.auth.password)).toHaveValue("");
  }
  await submitSignIn(page, "en", user.email, user.password);
  await expect(alert(page)).toHaveText(en.errors.loginThrottled.replace("{minutes}", "15"));
  await expect(page).toHaveURL(/\/en\/login$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in works and returns to the page that was asked for (zh-CN)", async ({ page, makeUser }) => {
    const admin = await makeUser("admin");
    await page.goto("/zh-CN/staff/admin/users");
    await expect(page).toHaveURL(/\/zh-CN\/login\?next=%2Fzh-CN%2Fstaff%2Fadmin%2Fusers$/);
    await expect(page.getByRole("status")).toHaveText(messages["zh-CN"].auth.signInToContinue);
    await submitSignIn(page, "zh-CN", admin.email, "wrong password");
    await expect(alert(page)).toHaveText(messages["zh-CN"].errors.loginInvalid);
    await submitSignIn(page, "zh-CN", admin.email, admin.password);
    await expect(page).toHaveURL(/\/zh-CN\/staff\/admin\/users$/);
    await expect(page.getByRole("heading", { level: 1, name: messages["zh-CN"].admin.usersTitle })).toBeVisible();
  });
});

test("a liaison lands on the portal placeholder and gets 403 on staff pages", async ({ page, makeUser }) => {
  const liaison = await makeUser("liaison");
  await signIn(page, liaison);
  await expect(page).toHaveURL(/\/en\/portal$/);
  await expect(page.getByRole("heading", { level: 1, name: en.auth.portal.title })).toBeVisible();
  await expect(page.getByText(en.auth.portal.body.replace("{org}", liaison.orgName!))).toBeVisible();
  const response = await page.goto("/en/staff");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: en.staff.forbidden.title })).toBeVisible();
  await expect(page.getByRole("link", { name: en.staff.forbidden.back })).toHaveAttribute("href", "/en/portal");
});

test("anonymous visitors are sent to sign in and come back after", async ({ page, makeUser }) => {
  const admin = await makeUser("admin");
  await page.goto("/en/staff/admin/audit?action=user.");
  await expect(page).toHaveURL(/\/en\/login\?next=/);
  await submitSignIn(page, "en", admin.email, admin.password);
  await expect(page).toHaveURL(/\/en\/staff\/admin\/audit\?action=user\.$/);
  await expect(page.getByRole("heading", { level: 1, name: en.audit.title })).toBeVisible();
});

test("a disabled account cannot sign in", async ({ page, makeUser }) => {
  const user = await makeUser("investigator", { disabled: true });
  await page.goto("/en/login");
  await submitSignIn(page, "en", user.email, user.password);
  await expect(alert(page)).toHaveText(en.errors.loginInvalid);
});
