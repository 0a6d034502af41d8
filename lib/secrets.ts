// No "server-only" marker: scripts/start.ts hashes victim keys outside Next.js
// (lib/reports/victim-key.ts). node:fs keeps it out of client bundles anyway.
import fs from "node:fs";
import path from "node:path";
import { randomBytes, createHmac } from "node:crypto";
import { env } from "@/lib/env";

let secret: string | undefined;

/** APP_SECRET, or one generated once and kept in DATA_DIR (mode 0600). */
export function appSecret(): string {
  if (secret) return secret;
  const configured = env().APP_SECRET;
  if (configured) return (secret = configured);
  const file = path.resolve(/*turbopackIgnore: true*/ env().DATA_DIR, "app-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString("hex");
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      secret = fresh;
    } catch {
      // Another process created it first.
      secret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return secret;
}

export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", appSecret()).update(`${purpose}:${value}`).digest("hex").slice(0, 32);
}
