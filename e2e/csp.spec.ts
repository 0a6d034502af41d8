/**
 * The Content-Security-Policy in a real browser: the pages that run the most
 * JavaScript (report form, case board, case page with its cytoscape graph,
 * dashboard with recharts) report no violation, and their scripts still work.
 */
import type { Page } from "@playwright/test";
import { test, expect, messages } from "./staff-fixtures";
import { fillReport, marker } from "./fixtures";
import { importRing } from "./case-data";
import { countByNarrative } from "@/lib/pii/test-support";

/** Records every CSP violation event and every console message about a policy, across navigations. */
async function watchPolicies(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to|Permissions.Policy|Unrecognized feature/i.test(m.text())) {
      found.push(`console: ${m.text()}`);
    }
  });
  await page.exposeBinding("__policyViolation", (_source, v: string) => void found.push(`event: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __policyViolation: (v: string) => void }).__policyViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return found;
}

test("the report form validates in the browser and submits, with no violation", async ({ page, db }) => {
  const violations = await watchPolicies(page);
  const t = messages.en.report;
  await page.goto("/en/report");
  // Hydrated: the browser's own check answers an empty form without a request.
  const posts: string[] = [];
  page.on("request", (r) => void (r.method() === "POST" && posts.push(r.url())));
  await page.getByRole("button", { name: t.submit }).click();
  await expect(page.getByText(t.errorSummary.replace(/\{count, plural,.*$/, "").trim()).first()).toBeVisible();
  expect(posts).toEqual([]);

  const m = marker();
  await fillReport(page, "en", { marker: m, phones: ["17123456789"], payments: [], evidence: true }, { js: true });
  await page.getByRole("button", { name: t.submit }).click();
  await expect(page.getByRole("region", { name: messages.en.receipt.title })).toBeVisible();
  expect(posts.length).toBe(1);
  expect(await countByNarrative(db, m)).toBe(1);
  expect(violations).toEqual([]);
});

/** React hydrated the page: its DOM nodes carry React's fiber keys. */
async function hydrated(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__react"))),
    )
    .toBe(true);
}

test("staff board, case page with its graph, and dashboard charts run with no violation", async ({
  signedInAs,
  db,
}) => {
  const t = messages.en.cases;
  const ring = await importRing(db, 3);
  const { page } = await signedInAs("investigator");
  const violations = await watchPolicies(page);

  await page.goto("/en/staff/cases");
  await hydrated(page);
  await page.getByLabel(t.search).fill(ring.phone);
  await page.getByRole("button", { name: t.searchButton }).click();
  await page.getByRole("region", { name: t.searchResults }).getByRole("link", { name: ring.caseNumber }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ring.caseNumber);
  await hydrated(page);
  // cytoscape drew the graph (and inserted its one style element).
  await expect(page.locator("#graph [role=img] canvas").first()).toBeVisible();
  await expect(page.locator("style#__________cytoscape_stylesheet")).toHaveCount(1);

  // A form on the case page goes through React as a server action (fetch), and the page updates.
  const action = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByLabel(t.noteBody, { exact: true }).fill("Checked under the content security policy.");
  await page.getByRole("button", { name: t.addNote }).click();
  await action;
  await expect(page.locator("#notes")).toContainText("content security policy");

  await page.goto("/en/staff/dashboard");
  await hydrated(page);
  await expect(page.locator(".recharts-wrapper svg").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("an injected inline script is refused by the policy", async ({ page }) => {
  // The watcher itself works: a script without the nonce is reported.
  const violations = await watchPolicies(page);
  await page.goto("/en/report");
  await page.evaluate(() => {
    const s = document.createElement("div");
    s.innerHTML = '<img src="x" onerror="window.__pwned = 1">';
    document.body.append(s);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
