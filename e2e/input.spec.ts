import type { Page } from "@playwright/test";
import { test, expect, messages } from "./staff-fixtures";
import { fillReport, marker, PNG_1PX } from "./fixtures";
import { reportIdsByNarrative } from "@/lib/pii/test-support";

/** Every server action a page's forms post to, read from the no-JavaScript markup; useActionState ones first. */
async function actionIdsOn(page: Page): Promise<string[]> {
  const html = await page.content();
  const bound = [...html.matchAll(/name="\$ACTION_\d+:0" value="([^"]+)"/g)].map(
    (m) => (JSON.parse(m[1]!.replaceAll("&quot;", '"')) as { id: string }).id,
  );
  const plain = [...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)].map((m) => m[1]!);
  const ids = [...new Set([...bound, ...plain])];
  if (!ids.length) throw new Error("no server action on this page");
  return ids;
}

test.describe("server actions posted without a form", () => {
  test.use({ javaScriptEnabled: false });

  test("answer 400 with a translated message: report, sign-in and a staff action", async ({ page, signedInAs }) => {
    const { page: admin } = await signedInAs("admin", "zh-CN");
    for (const [p, path, text] of [
      [page, "/en/report", messages.en.errors.badRequest],
      [page, "/en/login", messages.en.errors.badRequest],
      [admin, "/zh-CN/staff/admin/users", messages["zh-CN"].errors.badRequest],
    ] as const) {
      await p.goto(path);
      // Sign-out (a plain form action) comes last: it ends the session the others use.
      for (const id of await actionIdsOn(p)) {
        for (const body of ["[]", '["$K1"]', "not json"]) {
          const res = await p.request.post(path, {
            headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
            data: body,
          });
          expect(res.status(), `${path} ${id} ${body}`).toBe(400);
          expect(await res.text()).toBe(text);
        }
        // A multipart call whose arguments hold no form reaches the action, which answers as usual.
        const res = await p.request.post(path, {
          headers: { "next-action": id, accept: "text/x-component" },
          multipart: { "0": "[]" },
        });
        expect(res.status(), `${path} ${id} multipart`).toBe(200);
      }
    }
  });
});

for (const js of [true, false]) {
  test(`sign-in refuses a control character beside the field (JavaScript ${js ? "on" : "off"})`, async ({
    browser,
    makeUser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const user = await makeUser("investigator");
    const t = messages["zh-CN"];
    await page.goto("/zh-CN/login");
    await page.getByLabel(t.auth.email).fill(`${user.email}\u0007`);
    await page.getByLabel(t.auth.password).fill(user.password);
    await page.getByRole("button", { name: t.auth.signIn }).click();
    const email = page.getByLabel(t.auth.email);
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(t.errors.controlChars)).toBeVisible();
    // Sent again as it came back, it signs in.
    await expect(email).toHaveValue(user.email);
    await page.getByLabel(t.auth.password).fill(user.password);
    await page.getByRole("button", { name: t.auth.signIn }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await context.close();
  });
}

test("evidence downloads are named and typed by the sniffed type", async ({ page, db, signedInAs }) => {
  const m = marker();
  await page.goto("/en/report");
  await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [] }, { js: true });
  await page.getByLabel(messages.en.report.evidence).setInputFiles([
    { name: "report.html", mimeType: "text/html", buffer: PNG_1PX },
    { name: "photo\u202Egnp.html", mimeType: "image/png", buffer: PNG_1PX },
    { name: "转账截图.jpg", mimeType: "image/jpeg", buffer: PNG_1PX },
  ]);
  await page.getByRole("button", { name: messages.en.report.submit }).click();
  await expect(page.getByRole("region", { name: messages.en.receipt.title })).toBeVisible();
  const evidence = await db.evidence.findMany({
    where: { reportId: { in: await reportIdsByNarrative(db, m) } },
    select: { id: true, originalName: true },
  });
  expect(evidence.map((e) => e.originalName).sort()).toEqual(["photognp.html", "report.html", "转账截图.jpg"]);

  const { page: investigator } = await signedInAs("investigator");
  const byName = new Map(evidence.map((e) => [e.originalName, e.id]));
  const get = (name: string) => investigator.request.get(`/api/evidence/${byName.get(name)}`);
  for (const [name, disposition] of [
    ["report.html", 'attachment; filename="report.png"'],
    ["photognp.html", 'attachment; filename="photognp.png"'],
    ["转账截图.jpg", "attachment; filename=\"____.png\"; filename*=UTF-8''%E8%BD%AC%E8%B4%A6%E6%88%AA%E5%9B%BE.png"],
  ] as const) {
    const res = await get(name);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect(res.headers()["content-disposition"]).toBe(disposition);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await res.body()).equals(PNG_1PX)).toBe(true);
  }
});
