import "server-only";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { normaliseEmail, verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from "./password";
import { clearAccountFailures, loginThrottled, recordLoginFailure } from "./throttle";

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
}

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * The one place a password is checked. Order matters:
 * 1. throttled (account or address over its failures in the window) → refused
 *    without looking at the password, so guessing stops;
 * 2. unknown email → a dummy argon2 verification, so timing does not reveal
 *    which emails exist; disabled accounts are verified too and then refused;
 * 3. every failure counts against the account and the address; a success
 *    clears the account's count.
 * Each outcome is audited (the email typed is kept for failures, never the password).
 */
export async function verifyLogin(db: Db, attempt: LoginAttempt): Promise<LoginResult> {
  const email = normaliseEmail(attempt.email).slice(0, 254);
  const { password, ip } = attempt;

  const throttled = await loginThrottled(db, email, ip);
  const user = email ? await db.user.findUnique({ where: { email } }) : null;
  if (throttled) {
    await recordAudit(db, {
      actorId: null,
      action: "auth.login.throttled",
      resourceType: "user",
      resourceId: user?.id ?? "",
      ip,
      detail: { email, by: throttled },
    });
    return { ok: false, reason: "throttled" };
  }

  const plausible = password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
  const valid =
    user && plausible ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);

  if (!user || !valid || user.disabled) {
    await recordLoginFailure(db, email, ip);
    await recordAudit(db, {
      actorId: null,
      action: "auth.login.failure",
      resourceType: "user",
      resourceId: user?.id ?? "",
      ip,
      detail: { email, reason: !user ? "unknown-email" : !valid ? "wrong-password" : "disabled" },
    });
    return { ok: false, reason: "invalid" };
  }

  await clearAccountFailures(db, email);
  await recordAudit(db, {
    actorId: user.id,
    action: "auth.login.success",
    resourceType: "user",
    resourceId: user.id,
    ip,
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
