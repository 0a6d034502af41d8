import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { actions, postAction } from "./form-actions";
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
  await page.getByRole("button", { name: en.staff.signOut, exact: true }).click();
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

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a page refused (403) or not found (404) still says so (Next.js's error shell is empty without JavaScript)", async ({
    page,
    makeUser,
  }) => {
    const liaison = await makeUser("liaison");
    await signIn(page, liaison);
    expect((await page.goto("/en/staff"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: en.staff.forbidden.title })).toBeVisible();
    await expect(page.getByRole("link", { name: en.notFound.home })).toHaveAttribute("href", "/en");
    expect((await page.goto("/zh-CN/staff/cases"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: messages["zh-CN"].staff.forbidden.title })).toBeVisible();

    const investigator = await makeUser("investigator");
    await page.context().clearCookies();
    await signIn(page, investigator);
    expect((await page.goto("/en/staff/cases/C-2026-99999"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `${messages["zh-CN"].notFound.title} · ${en.notFound.title}`,
    );
    await expect(page.getByRole("main")).toContainText(en.notFound.body);
  });

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

test("a liaison lands on the portal inbox and gets 403 on staff pages", async ({ page, makeUser }) => {
  const liaison = await makeUser("liaison");
  await signIn(page, liaison);
  await expect(page).toHaveURL(/\/en\/portal$/);
  await expect(
    page.getByRole("heading", { level: 1, name: en.portal.inbox.title.replace("{org}", liaison.orgName!) }),
  ).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: en.staff.nav.inbox })).toBeVisible();
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

test("Auth.js and the sign-in and sign-out answers point at the app's own origin (APP_URL)", async ({
  request,
  baseURL,
  makeUser,
}) => {
  const origin = new URL(baseURL!).origin;
  // A Host or X-Forwarded-Host sent by the client does not move it either.
  const headers = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  const signin = await request.get("/api/auth/signin", { maxRedirects: 0, headers });
  expect(signin.status()).toBe(302);
  const location = new URL(signin.headers()["location"]!, origin);
  expect(location.origin).toBe(origin);
  expect(new URL(location.searchParams.get("callbackUrl")!).origin).toBe(origin);
  const signoutPage = await (await request.get("/api/auth/signout", { headers })).text();
  expect(signoutPage).toContain(`action="${origin}/api/auth/signout"`);
  expect(signoutPage).not.toContain("0.0.0.0");

  const user = await makeUser("investigator");
  const signedIn = await postAction(request, "/en/login", actions.signIn, {
    locale: "en",
    email: user.email,
    password: user.password,
  });
  expect(signedIn.status()).toBe(303);
  expect(new URL(signedIn.headers()["location"]!, origin).href).toBe(`${origin}/en/staff`);
  const signedOut = await postAction(request, "/en/staff", actions.signOut, { locale: "en" });
  expect(signedOut.status()).toBe(303);
  expect(new URL(signedOut.headers()["location"]!, origin).href).toBe(`${origin}/en/login?signedOut=1`);
});

test("malformed ids and parameters on the admin pages answer 404 or the page, never 500", async ({
  page,
  makeUser,
}) => {
  const admin = await makeUser("admin");
  await signIn(page, admin);
  for (const id of ["%25", "%", "a%25b", "%E0%A4%A", "%2500", "not-a-user", "00000000-0000-0000-0000-000000000000"]) {
    const res = await page.request.get(`/en/staff/admin/users/${id}`, { maxRedirects: 0 });
    expect(res.status(), id).toBe(404);
    expect(await res.text(), id).toContain("Page not found");
  }
  for (const query of ["actor=%00", "action=user.%00", "cursor=2147483648", "cursor=-1", "from=2026-02-31&to=x"]) {
    const res = await page.request.get(`/en/staff/admin/audit?${query}`, { maxRedirects: 0 });
    expect(res.status(), query).toBe(200);
  }
});

test("the first administrator's password is in a file only the owner can read, gone after their first sign-in", async ({
  page,
  db,
}) => {
  // The e2e server started on an empty database: it created admin@localhost with a generated password.
  const file = path.resolve(process.env.E2E_DATA_DIR!, "initial-admin-password");
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const text = fs.readFileSync(file, "utf8");
  const email = text.match(/^email: (.+)$/m)![1]!;
  const password = text.match(/^password: (.+)$/m)![1]!;
  expect(email).toBe("admin@localhost");

  await signIn(page, { email, password });
  await expect(page).toHaveURL(/\/en\/staff$/);
  expect(fs.existsSync(file)).toBe(false);
  const admin = await db.user.findUniqueOrThrow({ where: { email } });
  expect(await db.auditEvent.count({ where: { action: "auth.login.success", actorId: admin.id } })).toBe(1);
});
