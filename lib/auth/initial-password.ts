/**
 * The first administrator's generated password never goes to stdout (which
 * ends up in logs): it is written to DATA_DIR/initial-admin-password, readable
 * only by the owner (0600), and the console says where. The file goes away
 * after that admin's first successful sign-in: at once on the server that
 * handles it if the file is there, and otherwise at the next `npm start` of
 * the server that holds it, which checks the database (a success in the audit
 * log, or a password that no longer matches). Used by scripts/start.ts outside
 * Next.js, hence no "server-only" import.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { verifyPassword } from "./password";

export const INITIAL_PASSWORD_FILE = "initial-admin-password";

export function initialPasswordPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().DATA_DIR, INITIAL_PASSWORD_FILE);
}

/** Writes the file atomically with mode 0600 (never readable by others, not even for a moment). */
export function writeInitialPasswordFile(email: string, password: string, file = initialPasswordPath()): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const text = [
    "# The first administrator of this installation. Sign in with these, then",
    "# keep the password somewhere safe: this file is deleted after the first sign-in.",
    `email: ${email}`,
    `password: ${password}`,
    "",
  ].join("\n");
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: "wx" });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

export function readInitialPasswordFile(file = initialPasswordPath()): { email: string; password: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const field = (name: string) => text.match(new RegExp(`^${name}: (.+)$`, "m"))?.[1]?.trim() ?? "";
  return { email: field("email"), password: field("password") };
}

function remove(file: string): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}

/** After a successful sign-in: deletes the file if it is here and names this account. */
export function removeInitialPasswordFileAfterSignIn(email: string, file = initialPasswordPath()): boolean {
  const found = readInitialPasswordFile(file);
  return found !== null && found.email === email && remove(file);
}

/**
 * At start: deletes the file once it has served, whichever server handled the
 * sign-in: the account is gone, has signed in (audit log), or its password is
 * no longer the one in the file. Returns why, or null when the file stays.
 */
export async function cleanUpInitialPasswordFile(
  db: Db,
  file = initialPasswordPath(),
): Promise<"signed-in" | "password-changed" | "no-account" | null> {
  const found = readInitialPasswordFile(file);
  if (!found) return null;
  const user = await db.user.findUnique({ where: { email: found.email }, select: { id: true, passwordHash: true } });
  let reason: "signed-in" | "password-changed" | "no-account" | null = null;
  if (!user) reason = "no-account";
  else if (
    await db.auditEvent.findFirst({ where: { action: "auth.login.success", actorId: user.id }, select: { id: true } })
  )
    reason = "signed-in";
  else if (!(await verifyPassword(user.passwordHash, found.password))) reason = "password-changed";
  if (reason) remove(file);
  return reason;
}
