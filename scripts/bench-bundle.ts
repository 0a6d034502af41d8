/**
 * `npm run bench:bundle`: first-load JavaScript of the public pages, measured
 * the way a phone receives it: every /_next/static script the HTML references,
 * gzip-compressed (level 9 approximates what a CDN sends). Builds if needed and
 * serves the production build on a scratch embedded database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { spawn } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const port = 3190;
const pages = ["/zh-CN/report", "/en/report", "/en"];

async function waitFor(url: string, ms = 240_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not come up at ${url}`);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bundle-"));
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL;
const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
  env,
  stdio: ["ignore", "inherit", "inherit"],
  detached: true,
});
try {
  await waitFor(`http://localhost:${port}/en`);
  const rows: string[] = [];
  for (const page of pages) {
    const html = await (await fetch(`http://localhost:${port}${page}`)).text();
    // noModule scripts are legacy polyfills that modern browsers never fetch.
    const srcs = [
      ...new Set(
        [...html.matchAll(/<script([^>]+)src="(\/_next\/static\/[^"]+\.js)"([^>]*)>/g)]
          .filter((m) => !/nomodule/i.test(m[1]! + m[3]!))
          .map((m) => m[2]!),
      ),
    ];
    let raw = 0;
    let gz = 0;
    const parts: string[] = [];
    for (const src of srcs) {
      const buf = fs.readFileSync(path.join(root, ".next", src.replace(/^\/_next\//, "")));
      const g = zlib.gzipSync(buf, { level: 9 }).length;
      raw += buf.length;
      gz += g;
      parts.push(`${(g / 1024).toFixed(1)}`);
    }
    if (process.argv.includes("--chunks")) console.log(page, parts.sort((a, b) => Number(b) - Number(a)).join(" "));
    // Inline scripts carry the CSP nonce (proxy.ts).
    const inline = [...html.matchAll(/<script(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/g)].reduce(
      (n, m) => n + zlib.gzipSync(m[1]!).length,
      0,
    );
    rows.push(
      `| ${page} | ${srcs.length} | ${(raw / 1024).toFixed(1)} KB | **${(gz / 1024).toFixed(1)} KB** | ${(inline / 1024).toFixed(1)} KB |`,
    );
  }
  console.log("\n| page | scripts | JS raw | JS gzip | inline data (gzip) |\n|---|---|---|---|---|");
  console.log(rows.join("\n"));
} finally {
  process.kill(-server.pid!, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
