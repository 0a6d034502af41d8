import { test, expect, messages, uniqueSuffix } from "./staff-fixtures";

const t = messages.en.lookup.admin;

test("an admin issues an API key shown once, which works until it is revoked", async ({ signedInAs, request, db }) => {
  const { page, user } = await signedInAs("admin");
  await page.goto("/en/staff/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();

  const name = `Bank ${uniqueSuffix()}`;
  const form = page.locator("form", { has: page.getByRole("button", { name: t.createSubmit }) });
  await form.getByLabel(t.name).fill(name);
  await form.getByLabel(t.organisation).fill("E2E Bank");
  await form.getByLabel(t.rate).fill("100");
  await form.getByRole("button", { name: t.createSubmit }).click();
  await expect(page.getByRole("status").filter({ hasText: t.created1.replace("{name}", name) })).toBeVisible();
  const key = (await page.getByTestId("api-key").textContent())!.trim();
  expect(key).toMatch(/^lk_/);

  const lookup = () => request.get("/api/lookup?q=95311", { headers: { authorization: `Bearer ${key}` } });
  expect((await lookup()).status()).toBe(200);

  // Reloaded, the list shows the key's first characters only.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 9));
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole("button", { name: t.revokeLabel.replace("{name}", name) }).click();
  // The list is rendered again: the row now says since when the key is revoked.
  await expect(row).toContainText(t.revoked.replace(" {date}", ""));
  expect((await lookup()).status()).toBe(401);

  const audit = await db.auditEvent.findMany({
    where: { actorId: user.id, resourceType: "api-key" },
    select: { action: true },
  });
  expect(audit.map((a) => a.action).sort()).toEqual(["api-key.create", "api-key.revoke"]);
});

test("investigators cannot open the API keys page", async ({ signedInAs }) => {
  const { page } = await signedInAs("investigator");
  const res = await page.goto("/en/staff/admin/api-keys");
  expect(res?.status()).toBe(403);
});
