import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { isPublicFile, STATIC_PUBLIC_FILES } from "./public-files";

const publicDir = path.resolve(import.meta.dirname, "../../public");

function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}/${e.name}`) : [`${prefix}/${e.name}`],
    );
}

describe("public files", () => {
  it("the list names exactly what public/ holds", () => {
    expect(filesUnder(publicDir).sort()).toEqual([...STATIC_PUBLIC_FILES].sort());
  });

  it("knows security.txt and nothing that merely looks like a file", () => {
    expect(isPublicFile("/.well-known/security.txt")).toBe(true);
    expect(isPublicFile("/robots.txt")).toBe(true);
    expect(isPublicFile("/en/robots.txt")).toBe(false);
    expect(isPublicFile("/favicon.ico/")).toBe(false);
    expect(isPublicFile("/.well-known/other.txt")).toBe(false);
  });

  it("robots.txt keeps crawlers out of the staff, portal, sign-in, status and API pages in both languages", () => {
    const robots = fs.readFileSync(path.join(publicDir, "robots.txt"), "utf8");
    const disallowed = robots
      .split("\n")
      .filter((l) => l.startsWith("Disallow: "))
      .map((l) => l.slice(10));
    expect(disallowed).toContain("/api/");
    for (const locale of ["zh-CN", "en"])
      for (const area of ["staff", "portal", "login", "status"]) expect(disallowed).toContain(`/${locale}/${area}`);
    expect(disallowed).not.toContain("/");
  });

  it("the manifest names the app in both languages and lists icons that exist", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(publicDir, "manifest.webmanifest"), "utf8"));
    expect(manifest.name).toMatch(/反诈/);
    expect(manifest.name).toMatch(/Scam/);
    expect(manifest.translations.en.name).toBeTruthy();
    expect(manifest.start_url).toBe("/");
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    for (const icon of manifest.icons) expect(fs.existsSync(path.join(publicDir, icon.src))).toBe(true);
  });
});
