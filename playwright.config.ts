import { defineConfig } from "@playwright/test";
import path from "node:path";
import { findBrowser } from "./scripts/lib/browser";

const port = Number(process.env.E2E_PORT || 3100);
// A fresh embedded database per run, unless DATABASE_URL points at a server.
const dataDir = process.env.E2E_DATA_DIR || path.join("test-data", `e2e-${process.pid}`);
process.env.E2E_DATA_DIR = dataDir;
// Fixtures that import reports hash victims' phones with the app's secret: the
// server's, kept in its DATA_DIR (lib/reports/victim-key.ts).
process.env.DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  // After the run: the servers' logs must carry none of the personal data the fixtures seeded.
  globalTeardown: "./e2e/pii-log-check.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // System Chromium (scripts/lib/browser.ts); `npm test` installs one if missing.
      executablePath: findBrowser() ?? undefined,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The output goes to the console as before and to server.log, which e2e/pii-log-check.ts reads.
    command: `mkdir -p ${dataDir} && node --import tsx scripts/start.ts 2>&1 | tee -a ${path.join(dataDir, "server.log")}`,
    url: `http://localhost:${port}/en`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      // Tests send their own X-Forwarded-For so each test has its own address.
      TRUST_PROXY: "1",
      REPORT_RATE_LIMIT: "3",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
