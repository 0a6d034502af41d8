import path from "node:path";
import { run } from "./lib/run";
import { ensureBrowser } from "./lib/browser";
import { buildIsCurrent, writeStamp } from "./lib/build-stamp";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHROMIUM_PATH = ensureBrowser();
// Build before Playwright starts the server: `npm start` would build too, but
// inside the web server's start-up timeout, which a build on a busy 2-core
// machine can outlast.
if (!buildIsCurrent(root)) {
  console.log("Building the app (production) for the browser suite…");
  await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"]);
  writeStamp(root);
}
await run(process.execPath, [
  // react-server: fixtures import server modules to set up data; tsx: those reach the message
  // catalogues (JSON imported without an import attribute), which Playwright's own loader refuses.
  "--import",
  "tsx",
  "--conditions=react-server",
  path.join(root, "node_modules/@playwright/test/cli.js"),
  "test",
  ...process.argv.slice(2),
]).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
