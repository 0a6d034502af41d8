import "server-only";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { removeInitialPasswordFileAfterSignIn } from "./initial-password";
import { normaliseEmail, verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from "./password";
import { createSession } from "./sessions";
import {
  addressThrottle,
  claimAccountAttempt,
  isFamiliarAddress,
  recordLoginFailure,
  recordLoginSuccess,
  throttleNoticeDue,
  type Throttled,
} from "./throttle";

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string }; session: { id: string; token: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; throttled: Throttled };

/**
 * The one place a password is checked (ADR 0008). Order matters:
 * 1. this address over its limits (per address, per account and address) →
 *    refused without looking at the password;
 * 2. from an address the account never signed in from, the account's growing
 *    delay: too early → refused, else the attempt takes the account's slot;
 * 3. unknown email → a dummy argon2 verification, so timing does not reveal
 *    which emails exist; disabled accounts are verified too and then refused;
 * 4. a failure counts against the address, the pair and the account; a
 *    success opens a server-side session, forgives this pair's failures and
 *    makes the address familiar.
 * Outcomes are audited (the email typed is kept for failures, never the
 * password; throttled attempts at most once a minute per account and reason).
 */
export async function verifyLogin(db: Db, attempt: LoginAttempt, now = new Date()): Promise<LoginResult> {
  const email = normaliseEmail(attempt.email).slice(0, 254);
  const { password, ip } = attempt;

  let throttled = await addressThrottle(db, email, ip, now);
  let slotId: number | null = null;
  if (!throttled && !(await isFamiliarAddress(db, email, ip, now))) {
    const claim = await claimAccountAttempt(db, email, now);
    if (claim.ok) slotId = claim.slotId;
    else throttled = claim.throttled;
  }
  const user = email ? await db.user.findUnique({ where: { email } }) : null;
  if (throttled) {
    if (await throttleNoticeDue(db, email, throttled.by, now)) {
      await recordAudit(db, {
        actorId: null,
        action: "auth.login.throttled",
        resourceType: "user",
        resourceId: user?.id ?? "",
        ip,
        detail: { email, by: throttled.by, retryAfterSeconds: throttled.retryAfterSeconds },
      });
    }
    return { ok: false, reason: "throttled", throttled };
  }

  const plausible = password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
  const valid =
    user && plausible ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  // The session is opened only if the account is still enabled and its
  // password unchanged at this moment (see createSession).
  const session =
    user && valid && !user.disabled ? await createSession(db, user, { ip, userAgent: attempt.userAgent }, now) : null;

  if (!user || !session) {
    await recordLoginFailure(db, email, ip, { accountRecorded: slotId !== null, now });
    await recordAudit(db, {
      actorId: null,
      action: "auth.login.failure",
      resourceType: "user",
      resourceId: user?.id ?? "",
      ip,
      detail: {
        email,
        reason: !user ? "unknown-email" : !valid ? "wrong-password" : user.disabled ? "disabled" : "changed-meanwhile",
      },
    });
    return { ok: false, reason: "invalid" };
  }

  await recordLoginSuccess(db, email, ip, slotId);
  await recordAudit(db, {
    actorId: user.id,
    action: "auth.login.success",
    resourceType: "user",
    resourceId: user.id,
    ip,
    detail: { sessionId: session.id },
  });
  removeInitialPasswordFileAfterSignIn(user.email);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name },
    session: { id: session.id, token: session.token },
  };
}
