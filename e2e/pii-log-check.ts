/**
 * Playwright's global teardown: after the whole run, grep every server log the
 * run kept (the e2e server's, piped to server.log by playwright.config.ts, and
 * those of servers specs start themselves, *.log in the same folder) for the
 * personal data the fixtures seeded (e2e/pii.ts). Any hit fails the run.
 */
import fs from "node:fs";
import path from "node:path";
import { findPii } from "../scripts/lib/pii-scan";
import { e2eLogDir, seededPii } from "./pii";

export default function checkLogsForPii() {
  const dir = e2eLogDir();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".log")) : [];
  if (!files.includes("server.log"))
    throw new Error(`PII log check: no server log in ${dir}; was the output captured?`);
  const logs = files.map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));
  const hits = findPii(logs, seededPii());
  const lines = logs.reduce((n, l) => n + l.text.split("\n").length, 0);
  if (hits.length) {
    const where = hits.slice(0, 20).map((h) => `  ${h.file}:${h.line} contains ${JSON.stringify(h.value)}`);
    throw new Error(`Victim personal data in the server logs (${hits.length} hits):\n${where.join("\n")}`);
  }
  console.log(`PII log check: ${lines} lines in ${files.length} server log(s), none carries seeded personal data.`);
}
