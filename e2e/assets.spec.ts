import type { APIResponse } from "@playwright/test";
import { test, expect, messages } from "./staff-fixtures";
import { importRing } from "./case-data";

/** What a file's response must say: its type, and a policy under which nothing in it runs (lib/http/csp.ts). */
function expectFile(res: APIResponse, path: string, type: RegExp) {
  expect(res.status(), path).toBe(200);
  const h = res.headers();
  expect(h["content-type"], path).toMatch(type);
  expect(h["x-content-type-options"], path).toBe("nosniff");
  expect(h["content-security-policy"], path).toContain("default-src 'none'");
  expect(h["content-security-policy"], path).toContain("sandbox");
}

test("icons, robots.txt, the manifest and security.txt are served as files, with their types, in no language", async ({
  request,
}) => {
  // A browser that prefers English is sent from "/" to "/en"; these files must not be.
  const opts = { maxRedirects: 0, headers: { "accept-language": "en-US,en;q=0.9" } };

  const ico = await request.get("/favicon.ico", opts);
  expectFile(ico, "/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  const svg = await request.get("/favicon.svg", opts);
  expectFile(svg, "/favicon.svg", /^image\/svg\+xml/);
  expect(await svg.text()).toContain("<svg");

  for (const png of ["/icon-192.png", "/icon-512.png", "/apple-touch-icon.png"]) {
    expectFile(await request.get(png, opts), png, /^image\/png/);
  }

  const robots = await request.get("/robots.txt", opts);
  expectFile(robots, "/robots.txt", /^text\/plain/);
  const robotsText = await robots.text();
  for (const area of ["/en/staff", "/zh-CN/portal", "/en/login", "/zh-CN/status", "/api/"]) {
    expect(robotsText).toContain(`Disallow: ${area}`);
  }

  const manifest = await request.get("/manifest.webmanifest", opts);
  expectFile(manifest, "/manifest.webmanifest", /^application\/manifest\+json/);
  const m = await manifest.json();
  expect(m.name).toContain("反诈");
  expect(m.translations.en.name).toBe("Scam Report & Case Network");
  for (const icon of m.icons) expect((await request.get(icon.src, opts)).status(), icon.src).toBe(200);

  const security = await request.get("/.well-known/security.txt", opts);
  expectFile(security, "/.well-known/security.txt", /^text\/plain; charset=utf-8$/i);
  const text = await security.text();
  expect(text).toMatch(/^Contact: mailto:security@/m);
  expect(text).toMatch(/^Preferred-Languages: zh, en$/m);
  expect(text).toMatch(/^Canonical: https?:\/\/[^/]+\/\.well-known\/security\.txt$/m);
  const expires = Date.parse(text.match(/^Expires: (.+)$/m)![1]!);
  expect(expires - Date.now()).toBeGreaterThan(0);
  expect(expires - Date.now()).toBeLessThan(365 * 86_400_000);

  // Names that merely look like these files are pages as before: a language prefix, then 404.
  expect((await request.get("/favicon.png", opts)).status()).toBe(404);
});

test("every page links the icons and the manifest, the not-found page too", async ({ page }) => {
  for (const path of ["/en", "/zh-CN/report", "/en/login", "/no-such-page"]) {
    await page.goto(path);
    const head = page.locator("head");
    await expect(head.locator('link[rel="icon"][href="/favicon.svg"]'), path).toHaveCount(1);
    await expect(head.locator('link[rel="icon"][href="/favicon.ico"]'), path).toHaveCount(1);
    await expect(head.locator('link[rel="manifest"][href="/manifest.webmanifest"]'), path).toHaveCount(1);
    await expect(head.locator('meta[name="theme-color"]'), path).toHaveAttribute("content", "#123b77");
  }
});

test("case numbers on the board stay on one line at phone width", async ({ db, signedInAs }) => {
  // At least one case on the board; other specs' cases may sort before it, and any case number will do.
  await importRing(db, 2);
  const { page } = await signedInAs("investigator", "zh-CN");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/zh-CN/staff/cases");
  const link = page
    .getByRole("table")
    .getByRole("link", { name: /^C-\d{4}-\d{5,}$/ })
    .first();
  await expect(link).toBeVisible();
  // An inline element broken across lines has one box per line.
  expect(await link.evaluate((el) => el.getClientRects().length)).toBe(1);
  // Chromium does not break "C-2026-00012" at a hyphen followed by a digit (UAX #14), but
  // other numbers, fonts and browsers may: the cell itself forbids wrapping.
  expect(await link.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("nowrap");
  // Whether a column wraps depends on what the other rows hold; squeezed to its
  // narrowest (every column at its min-content width) the number must still be whole.
  const squeezed = await link.evaluate((el) => {
    const table = el.closest("table")!;
    table.style.minWidth = "0";
    table.style.width = "0";
    return el.getClientRects().length;
  });
  expect(squeezed).toBe(1);
});

test("a page that finds nothing (an unknown case) answers the same not-found page, with a title", async ({
  signedInAs,
}) => {
  const { page } = await signedInAs("investigator");
  const res = await page.goto("/en/staff/cases/C-2026-99999");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `${messages["zh-CN"].notFound.title} · ${messages.en.notFound.title}`,
  );
  // The page's own metadata (resolved before it called notFound()) names it; never none, never two.
  expect(await page.title()).not.toBe("");
  await expect(page.locator("title")).toHaveCount(1);
});
