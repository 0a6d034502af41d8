/**
 * First start on an empty database: create the first admin, from ADMIN_EMAIL /
 * ADMIN_PASSWORD when set, else admin@localhost with a generated password that
 * is written to a file only the owner can read (lib/auth/initial-password.ts);
 * the console says where, never what. Called by scripts/start.ts after
 * migrations, outside Next.js (hence no "server-only" imports here).
 */
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { initialPasswordPath, writeInitialPasswordFile } from "./initial-password";
import { generatePassword, hashPassword, normaliseEmail } from "./password";

export const DEFAULT_ADMIN_EMAIL = "admin@localhost";

export type BootstrapResult =
  { created: false } | { created: true; email: string; generatedPassword: string | null; passwordFile: string | null };

export interface BootstrapOptions {
  email?: string;
  password?: string;
  /** Where the notice goes (console by default); it never contains the password. */
  print?: (text: string) => void;
  /** Where a generated password is written (default DATA_DIR/initial-admin-password). */
  passwordFile?: string;
}

export async function ensureFirstAdmin(db: Db, opts: BootstrapOptions = {}): Promise<BootstrapResult> {
  if ((await db.user.count()) > 0) return { created: false };
  const email = normaliseEmail(opts.email ?? env().ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL);
  const given = opts.password ?? env().ADMIN_PASSWORD;
  const password = given ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: "Administrator", passwordHash, role: "admin" } });
      await recordAudit(tx, {
        actorId: null,
        action: "user.create",
        resourceType: "user",
        resourceId: user.id,
        detail: { email, role: "admin", bootstrap: true, passwordGenerated: !given },
      });
    });
  } catch (e) {
    // Another process bootstrapped the same account at the same moment.
    if ((e as { code?: string }).code === "P2002") return { created: false };
    throw e;
  }
  const passwordFile = given
    ? null
    : writeInitialPasswordFile(email, password, opts.passwordFile ?? initialPasswordPath());
  const print = opts.print ?? ((t: string) => console.log(t));
  print(notice(email, passwordFile));
  return { created: true, email, generatedPassword: given ? null : password, passwordFile };
}

function notice(email: string, passwordFile: string | null): string {
  const lines = passwordFile
    ? [
        "First start: created the administrator account.",
        "",
        `  Email:     ${email}`,
        "  Password:  in the file below, readable only by this user:",
        `  ${passwordFile}`,
        "",
        "Sign in at /login and keep the password somewhere safe:",
        "the file is deleted after the first sign-in. (Or set",
        "ADMIN_EMAIL and ADMIN_PASSWORD before the first start.)",
      ]
    : ["First start: created the administrator account", `  ${email}`, "with the password from ADMIN_PASSWORD."];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "═".repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join("\n");
}
