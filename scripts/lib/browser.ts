/**
 * Finds a Chromium for Playwright, or installs one. Playwright's own download
 * (`npx playwright install`) needs the internet, which police networks and our
 * CI lack, so the system package comes first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

function playwrightCache(): string[] {
  const dir = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), ".cache", "ms-playwright");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((d) => d.startsWith("chromium"))
    .flatMap((d) => [
      path.join(dir, d, "chrome-linux", "chrome"),
      path.join(dir, d, "chrome-linux64", "chrome"),
      path.join(dir, d, "chrome-headless-shell-linux64", "chrome-headless-shell"),
    ]);
}

export function findBrowser(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return fs.existsSync(configured) ? configured : null;
  return [...CANDIDATES, ...playwrightCache()].find((p) => fs.existsSync(p)) ?? null;
}

function tryRun(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return true;
  } catch {
    return false;
  }
}

/** A browser path, installing Debian's chromium (or Playwright's) if none is found. */
export function ensureBrowser(): string {
  const found = findBrowser();
  if (found) return found;
  console.log("No Chromium found; trying to install one…");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const sudo = isRoot ? [] : ["sudo", "-n"];
  if (fs.existsSync("/usr/bin/apt-get")) {
    const apt = (args: string[]) =>
      sudo.length ? tryRun(sudo[0]!, [...sudo.slice(1), "apt-get", ...args]) : tryRun("apt-get", args);
    if (apt(["install", "-y", "chromium"]) || (apt(["update"]) && apt(["install", "-y", "chromium"]))) {
      const after = findBrowser();
      if (after) return after;
    }
  }
  if (tryRun(process.execPath, [require_resolve_playwright_cli(), "install", "chromium"])) {
    const after = findBrowser();
    if (after) return after;
  }
  throw new Error(
    "No Chromium available for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) " +
      "or set CHROMIUM_PATH to a Chrome/Chromium executable, then run `npm test` again.",
  );
}

function require_resolve_playwright_cli(): string {
  return path.resolve(import.meta.dirname, "..", "..", "node_modules", "playwright-core", "cli.js");
}
