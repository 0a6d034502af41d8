import type { Page } from "@playwright/test";
import { test, expect, messages, signIn, uniqueSuffix } from "./staff-fixtures";

const t = messages.en.admin;
const roles = messages.en.staff.roles;

async function createAccount(page: Page, data: { email: string; name: string; role: string; org?: string }) {
  const form = page.locator("form", { has: page.getByRole("button", { name: t.createUser }) });
  await form.getByLabel(t.email).fill(data.email);
  await form.getByLabel(t.name).fill(data.name);
  await form.getByLabel(t.role).selectOption({ label: data.role });
  if (data.org) await form.getByLabel(t.organisation).selectOption({ label: data.org });
  await form.getByRole("button", { name: t.createUser }).click();
  await expect(
    page.getByRole("status").filter({ hasText: t.userCreated.replace("{email}", data.email) }),
  ).toBeVisible();
  return (await page.getByTestId("generated-password").textContent())!.trim();
}

test("an admin adds an organisation, an investigator and a liaison, who can then sign in", async ({
  signedInAs,
  browser,
  db,
}) => {
  const { page, user: admin } = await signedInAs("admin");
  await page.goto("/en/staff/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: t.usersTitle })).toBeVisible();

  const s = uniqueSuffix();
  const orgName = `Taobao Security ${s}`;
  await page.getByLabel(t.orgName).fill(orgName);
  await page.getByLabel(t.orgKind).selectOption({ label: t.orgKinds.platform });
  await page.getByRole("button", { name: t.createOrg }).click();
  await expect(page.getByRole("status").filter({ hasText: t.orgCreated.replace("{name}", orgName) })).toBeVisible();

  // A liaison needs an organisation: the form says so beside the field.
  const createForm = page.locator("form", { has: page.getByRole("button", { name: t.createUser }) });
  await createForm.getByLabel(t.email).fill(`liaison-${s}@example.test`);
  await createForm.getByLabel(t.role).selectOption({ label: roles.liaison });
  await createForm.getByRole("button", { name: t.createUser }).click();
  await expect(createForm.getByText(messages.en.errors.orgRequired)).toBeVisible();

  const invEmail = `investigator-${s}@example.test`;
  const invPassword = await createAccount(page, { email: invEmail, name: "Li Wei", role: roles.investigator });
  expect(invPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
  const liaisonEmail = `liaison-${s}@example.test`;
  const liaisonPassword = await createAccount(page, {
    email: liaisonEmail,
    name: "Zhao Min",
    role: roles.liaison,
    org: orgName,
  });

  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(liaisonEmail) });
  await expect(row).toContainText(orgName);
  await expect(row).toContainText(roles.liaison);

  const audit = await db.auditEvent.findMany({
    where: { actorId: admin.id, action: { in: ["user.create", "organisation.create"] } },
  });
  expect(audit.map((a) => a.action).sort()).toEqual(["organisation.create", "user.create", "user.create"]);
  expect(JSON.stringify(audit)).not.toContain(invPassword);

  for (const [email, password, landing] of [
    [invEmail, invPassword, /\/en\/staff$/],
    [liaisonEmail, liaisonPassword, /\/en\/portal$/],
  ] as const) {
    const ctx = await browser.newContext();
    const other = await ctx.newPage();
    await signIn(other, { email, password });
    await expect(other).toHaveURL(landing);
    await ctx.close();
  }
});

test("disabling a signed-in user signs them out on their next request", async ({ signedInAs }) => {
  const { page: adminPage } = await signedInAs("admin");
  const { page: invPage, user: inv } = await signedInAs("investigator");
  await invPage.goto("/en/staff");
  await expect(invPage.getByRole("heading", { level: 1, name: messages.en.staff.home.title })).toBeVisible();

  await adminPage.goto(`/en/staff/admin/users/${inv.id}`);
  await adminPage.getByRole("button", { name: t.disable }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: t.userDisabled })).toBeVisible();
  await expect(adminPage.getByRole("button", { name: t.enable })).toBeVisible();

  await invPage.reload();
  await expect(invPage).toHaveURL(/\/en\/login\?next=/);
});

test("a role change takes effect on the user's next request", async ({ signedInAs }) => {
  const { page: adminPage } = await signedInAs("admin");
  const { page: invPage, user: inv } = await signedInAs("investigator");

  await adminPage.goto(`/en/staff/admin/users/${inv.id}`);
  await adminPage.getByLabel(t.role, { exact: true }).selectOption({ label: roles.admin });
  await adminPage.getByRole("button", { name: t.changeRole }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: t.roleChanged })).toBeVisible();

  // The old session is refused; signing in again gives the new role's access.
  await invPage.goto("/en/staff/admin/users");
  await expect(invPage).toHaveURL(/\/en\/login\?next=/);
  await invPage.getByLabel(messages.en.auth.email).fill(inv.email);
  await invPage.getByLabel(messages.en.auth.password).fill(inv.password);
  await invPage.getByRole("button", { name: messages.en.auth.signIn }).click();
  await expect(invPage).toHaveURL(/\/en\/staff\/admin\/users$/);
});

test("the audit log lists changes, filters them and exports them", async ({ signedInAs, db }) => {
  const { page, user: admin } = await signedInAs("admin");
  await page.goto(`/en/staff/admin/audit?actor=${encodeURIComponent(admin.email)}`);
  const a = messages.en.audit;
  await expect(page.getByRole("heading", { level: 1, name: a.title })).toBeVisible();
  await expect(page.getByRole("cell", { name: "auth.login.success" })).toBeVisible();

  await page.getByLabel(a.filters.action).fill("user.");
  await page.getByRole("button", { name: a.filters.apply }).click();
  await expect(page.getByText(a.empty)).toBeVisible();

  const download = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: a.exportCsv }).click(),
  ]).then(([d]) => d);
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const response = await page.request.get(`/api/audit/export?format=jsonl&actor=${encodeURIComponent(admin.email)}`);
  expect(response.status()).toBe(200);
  const lines = (await response.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.some((l) => l.action === "auth.login.success")).toBe(true);
  expect(lines.every((l) => l.actorEmail === admin.email)).toBe(true);
  expect(await db.auditEvent.count({ where: { actorId: admin.id, action: "audit.export" } })).toBe(2);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the admin forms work: add an organisation, create a user with a typed password, disable them", async ({
    page,
    makeUser,
    db,
  }) => {
    const admin = await makeUser("admin");
    await signIn(page, admin, "zh-CN");
    const z = messages["zh-CN"].admin;
    await page.goto("/zh-CN/staff/admin/users");

    const orgName = `顺丰安全部 ${uniqueSuffix()}`;
    await page.getByLabel(z.orgName).fill(orgName);
    await page.getByLabel(z.orgKind).selectOption({ label: z.orgKinds.courier });
    await page.getByRole("button", { name: z.createOrg }).click();
    await expect(page.getByRole("status").filter({ hasText: z.orgCreated.replace("{name}", orgName) })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: orgName })).toContainText(z.orgKinds.courier);

    const email = `nojs-${uniqueSuffix()}@example.test`;
    const form = page.locator("form", { has: page.getByRole("button", { name: z.createUser }) });
    await form.getByLabel(z.email).fill(email);
    await form.getByLabel(z.initialPassword).fill("short");
    await form.getByRole("button", { name: z.createUser }).click();
    // The server answers with the field error and keeps what was typed (not the password).
    await expect(page.getByText(messages["zh-CN"].errors.passwordTooShort)).toBeVisible();
    await expect(form.getByLabel(z.email)).toHaveValue(email);
    await form.getByLabel(z.initialPassword).fill("typed-password-12345");
    await form.getByRole("button", { name: z.createUser }).click();
    await expect(page.getByRole("status").filter({ hasText: z.userCreated.replace("{email}", email) })).toBeVisible();
    await expect(page.getByTestId("generated-password")).toHaveCount(0);

    await page.getByRole("link", { name: email }).click();
    await page.getByRole("button", { name: z.disable }).click();
    await expect(page.getByRole("status").filter({ hasText: z.userDisabled })).toBeVisible();
    expect((await db.user.findUniqueOrThrow({ where: { email } })).disabled).toBe(true);
  });
});
