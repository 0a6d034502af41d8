import { test, expect, messages, submitSignIn } from "./staff-fixtures";
import { seriousViolations } from "./axe";

for (const locale of ["zh-CN", "en"] as const) {
  test(`sign-in page, also with an error shown, has no serious accessibility violations (${locale})`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/login`);
    await expect(page.getByRole("heading", { level: 1, name: messages[locale].auth.title })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await submitSignIn(page, locale, "nobody@example.test", "wrong password!");
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`admin pages have no serious accessibility violations (${locale})`, async ({ signedInAs }) => {
    // Five axe runs, one over the users list, which holds every account the suite has made by now.
    test.slow();
    const { page, user } = await signedInAs("admin", locale);
    const m = messages[locale];
    for (const path of ["/staff", "/staff/admin/users", `/staff/admin/users/${user.id}`, "/staff/admin/audit"]) {
      await page.goto(`/${locale}${path}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await seriousViolations(page), path).toEqual([]);
    }
    // With field errors shown.
    await page.goto(`/${locale}/staff/admin/users`);
    await page.getByRole("button", { name: m.admin.createUser }).click();
    await expect(page.getByText(m.errors.required).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
