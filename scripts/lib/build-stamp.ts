import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";

const INPUTS = [
  "app",
  "components",
  "lib",
  "i18n",
  "messages",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];

function walk(p: string, out: string[]) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name === "node_modules" || name === "generated" || name.endsWith(".test.ts")) continue;
      walk(path.join(p, name), out);
    }
  } else out.push(p);
}

/** A hash of everything the production build depends on. */
export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(path.join(root, i), files);
  const h = createHash("sha256");
  for (const f of files) h.update(path.relative(root, f)).update("\0").update(fs.readFileSync(f)).update("\0");
  return h.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "source-hash");

export function buildIsCurrent(root: string): boolean {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(stampFile(root), "utf8") === sourceHash(root);
  } catch {
    return false;
  }
}

export function writeStamp(root: string) {
  fs.writeFileSync(stampFile(root), sourceHash(root));
}
