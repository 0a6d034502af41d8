/**
 * `npm test`: type check, unit tests, integration tests (embedded PGlite, or
 * DATABASE_URL), then the Playwright suite in real Chromium against a
 * production build. Finds or installs a browser first (scripts/lib/browser.ts).
 */
import path from "node:path";
import { run } from "./lib/run";
import { ensureBrowser } from "./lib/browser";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const bin = (p: string) => path.join(root, "node_modules", p);

const steps: [string, () => Promise<void>][] = [
  ["Prisma client", () => run(process.execPath, [bin("prisma/build/index.js"), "generate"])],
  ["Type check", () => run(process.execPath, [bin("typescript/bin/tsc"), "--noEmit", "-p", "."])],
  [
    "Lint",
    async () => {
      await run(process.execPath, [bin("eslint/bin/eslint.js"), "."]);
      await run(process.execPath, [bin("prettier/bin/prettier.cjs"), "--check", "."]);
    },
  ],
  ["Unit tests", () => run(process.execPath, [bin("vitest/vitest.mjs"), "run", "--project", "unit"])],
  ["Integration tests", () => run(process.execPath, [bin("vitest/vitest.mjs"), "run", "--project", "integration"])],
  [
    "Browser tests",
    async () => {
      process.env.CHROMIUM_PATH = ensureBrowser();
      // react-server: e2e fixtures import server modules (import, matching) to set up data.
      // tsx: server modules reach the message catalogues (JSON without an import attribute).
      await run(process.execPath, [
        "--import",
        "tsx",
        "--conditions=react-server",
        bin("@playwright/test/cli.js"),
        "test",
      ]);
    },
  ],
];

const only = process.argv.slice(2);
for (const [name, step] of steps) {
  if (only.length && !only.some((o) => name.toLowerCase().startsWith(o))) continue;
  console.log(`\n=== ${name}${process.env.DATABASE_URL ? " (DATABASE_URL)" : ""} ===`);
  const t = Date.now();
  try {
    await step();
  } catch (e) {
    console.error(`\n✗ ${name} failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
