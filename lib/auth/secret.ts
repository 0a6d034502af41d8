import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { appSecret } from "@/lib/secrets";

/**
 * AUTH_SECRET when configured; otherwise a key derived from APP_SECRET (itself
 * generated once into DATA_DIR), so there is never a secret in the repository
 * and nothing extra to set up. Rotating either one signs everybody out.
 */
export function authSecret(): string {
  return env().AUTH_SECRET ?? createHmac("sha256", appSecret()).update("authjs-session-v1").digest("hex");
}
