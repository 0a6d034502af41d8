import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, messages, submitSignIn } from "./staff-fixtures";

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

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
